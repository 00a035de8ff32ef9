package org.repro4j.train;

import org.repro4j.Sha256;
import org.repro4j.spec.ResolvedExperiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a results folder depends on, as one hash: the resolved spec, the code ({@link CodeHash}),
 * the seeds and the mode. A results folder whose stored fingerprint equals the current one needs
 * no re-run.
 */
final class Fingerprint {
    static final String FILE_NAME = "fingerprint.txt";

    private Fingerprint() {
    }

    static String of(ResolvedExperiment experiment, List<Long> seeds, boolean quick) {
        return Sha256.of("spec:" + experiment.canonicalJson() + "\0seeds:" + seeds + " quick:" + quick
                + "\0code:" + CodeHash.current());
    }

    /** The stored fingerprint of an experiment's results, or null when there is none. */
    static String stored(Path resultsDir) {
        Path f = resultsDir.resolve(FILE_NAME);
        try {
            return Files.isRegularFile(f) ? Files.readString(f).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
