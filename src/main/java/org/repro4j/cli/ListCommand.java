package org.repro4j.cli;

import picocli.CommandLine.Command;

@Command(name = "list", description = "Lists every experiment id with what it reproduces.")
final class ListCommand implements Runnable {
    @Override
    public void run() {
        var experiments = ExperimentCatalog.load(Repro.home().resolve("experiments"));
        int width = experiments.stream().mapToInt(e -> e.id().length()).max().orElse(10);
        for (var e : experiments) {
            System.out.printf("%-" + width + "s  %s%n", e.id(), e.title());
        }
    }
}
