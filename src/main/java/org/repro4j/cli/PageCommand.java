package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.report.ReportPages;
import org.repro4j.report.ResultsIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

@Command(name = "page", description = {"Writes results/<name>.md, one page per report, from the experiments' results.",
        "Layouts are in experiments/pages/<name>.yaml; experiments not run yet are marked as such.",
        "Then rewrites the results index, results/README.md (its seed-study column from results/study/)."})
final class PageCommand implements Runnable {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Page names (default: all)")
    List<String> names = new ArrayList<>();

    @Mixin
    ResultsOption results;

    /** The folder of page specs; null for {@code <home>/experiments/pages}. */
    private final Path pages;

    PageCommand() {
        this(null);
    }

    /** Pages from the specs in {@code pages} (tests); null for {@code <home>/experiments/pages}. */
    PageCommand(Path pages) {
        this.pages = pages;
    }

    @Override
    public void run() {
        Path dir = pages != null ? pages : Repro.home().resolve("experiments/pages");
        Path out = results.orProjectResults();
        List<Path> specs = new ArrayList<>();
        if (names.isEmpty()) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(specs::add);
            } catch (IOException e) {
                throw new ReproException("Cannot list page specs in " + dir + ": " + e.getMessage(), e);
            }
        } else {
            names.forEach(n -> specs.add(dir.resolve(n + ".yaml")));
        }
        for (Path spec : specs) {
            System.out.println("wrote " + ReportPages.write(spec, out));
        }
        // The index too, so that its seed-study column shows the studies the pages show.
        ResultsIndex.write(out);
        System.out.println("wrote " + out.resolve(ResultsIndex.FILE_NAME));
    }
}
