package org.repro4j.cli;

import org.repro4j.data.DataFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "data", description = {"Puts MNIST and CIFAR-10 under the data folder, MD5-checked.",
        "Downloads from the official locations, or copies from a local mirror folder (DATA_MIRROR).",
        "Files already in place and verified are left alone."})
final class DataCommand implements Runnable {
    @Option(names = "--data-dir", description = "Target folder (default: $DATA_DIR, else ./data)")
    Path dataDir;

    @Option(names = "--mirror", description = "Copy from this folder instead of downloading (default: $DATA_MIRROR)")
    Path mirror;

    @Override
    public void run() {
        Path from = mirror;
        String env = System.getenv("DATA_MIRROR");
        if (from == null && env != null && !env.isBlank()) {
            from = Path.of(env);
        }
        new DataFetcher(Repro.dataDir(dataDir), from, System.out::println).fetchAll();
    }
}
