package org.repro4j.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * {@code --results}: the results folder a command writes (a picocli mixin). Its help text says where the results go
 * without it, which depends on the command: a command whose default differs from {@link RunFolders}' gives its own
 * text under the key {@code results} of its resource bundle.
 */
final class ResultsOption {
    @Option(names = "--results", descriptionKey = "results",
            description = "Results folder (default: under ./results, or target/quick-results with --quick)")
    Path results;

    /** {@code --results}, else {@code fallback}. */
    Path orElse(Path fallback) {
        return results != null ? results : fallback;
    }
}
