package org.repro4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * {@code --results}: the results folder a command reads or writes (a picocli mixin). Its help text says where the
 * results are without it, which depends on the command: one whose default is not the project's results folder (the
 * commands of {@link RunFolders}, the study) gives its own text under the key {@code results} of its resource bundle.
 */
final class ResultsOption {
    @Option(names = "--results", descriptionKey = "results", description = "Results folder (default: ./results)")
    Path results;

    /** {@code --results}, else {@code fallback}. */
    Path orElse(Path fallback) {
        return results != null ? results : fallback;
    }

    /** {@code --results}, else the project's results folder. */
    Path orProjectResults() {
        return orElse(Repro.home().resolve("results"));
    }
}
