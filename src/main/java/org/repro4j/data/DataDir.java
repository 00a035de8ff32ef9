package org.repro4j.data;

import java.nio.file.Path;

/**
 * Where the data files live and where a local mirror of them may be found.
 *
 * <p>Both come from the environment so that the Makefile, the CLI and the tests agree
 * without passing paths around: {@code DATA_DIR} (or the system property
 * {@code repro.dataDir}) for the data folder, {@code DATA_MIRROR} for a mirror.
 */
public final class DataDir {
    static final String ENV = "DATA_DIR";
    static final String PROPERTY = "repro.dataDir";
    static final String MIRROR_ENV = "DATA_MIRROR";

    private DataDir() {
    }

    /** {@code $DATA_DIR}, else {@code -Drepro.dataDir}, else {@code ./data}. */
    public static Path resolve() {
        return resolve(System.getenv(ENV), System.getProperty(PROPERTY));
    }

    /** The mirror folder named by {@code $DATA_MIRROR}, or null to download from the official sites. */
    public static Path mirrorOrNull() {
        String mirror = System.getenv(MIRROR_ENV);
        return isBlank(mirror) ? null : Path.of(mirror);
    }

    static Path resolve(String env, String property) {
        if (!isBlank(env)) {
            return Path.of(env);
        }
        if (!isBlank(property)) {
            return Path.of(property);
        }
        return Path.of("data");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
