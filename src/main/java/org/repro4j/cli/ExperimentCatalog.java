package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The experiments the suite knows: one validated spec per {@code experiments/<id>.yaml}. */
final class ExperimentCatalog {
    private ExperimentCatalog() {
    }

    /**
     * The named experiments, every spec read once and all of them before anything runs, so that an unknown id
     * or a bad spec stops a command at once.
     */
    static List<ResolvedExperiment> resolve(Path dir, List<String> ids) {
        for (String id : ids) {
            if (!Files.isRegularFile(dir.resolve(id + ".yaml"))) {
                throw new ReproException("Unknown experiment '" + id + "'. Run 'repro list' to see the ids.");
            }
        }
        return ids.stream().map(id -> SpecLoader.resolve(dir.resolve(id + ".yaml"))).toList();
    }

    static List<ExperimentSpec> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReproException("No experiments folder at " + dir + ". Run repro from the project folder (or use bin/repro).");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(SpecLoader::load).toList();
        } catch (IOException e) {
            throw new ReproException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
