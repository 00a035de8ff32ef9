package org.repro4j.data;

import java.nio.file.Path;

/**
 * Where the data files live and where a local mirror of them may be found: the one rule that the
 * command line, the Makefile ({@code make data} passes {@code DATA_DIR}) and the tests share, so
 * that a "run make data" hint names the folder that is read.
 */
public final class DataDir {
    static final String ENV = "DATA_DIR";
    static final String MIRROR_ENV = "DATA_MIRROR";

    private DataDir() {
    }

    /** {@code option} (a {@code --data-dir}), else {@code $DATA_DIR}, else {@code <home>/data}. */
    public static Path resolve(Path option, Path home) {
        return resolve(option, System.getenv(ENV), home);
    }

    /** {@link #resolve(Path, Path)} in the project folder ({@code -Drepro.home}, else the working directory). */
    public static Path resolve() {
        return resolve(null, Path.of(System.getProperty("repro.home", "")).toAbsolutePath().normalize());
    }

    /** The mirror folder named by {@code $DATA_MIRROR}, or null to download from the official sites. */
    public static Path mirrorOrNull() {
        String mirror = System.getenv(MIRROR_ENV);
        return isBlank(mirror) ? null : Path.of(mirror);
    }

    static Path resolve(Path option, String env, Path home) {
        if (option != null) {
            return option;
        }
        if (!isBlank(env)) {
            return Path.of(env);
        }
        return home.resolve("data");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
