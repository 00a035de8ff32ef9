package org.repro4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs git in a test's folder, with a fixed author so commits need no git configuration. */
public final class Git {
    private Git() {
    }

    /** The exit code of {@code git <args>} in {@code dir}; -1 when git is missing or hangs. */
    public static int exitCode(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=repro4j test", "-c", "user.email=test@example.org",
                "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs {@code git <args>} in {@code dir} and fails the test unless it exits 0. */
    public static void run(Path dir, String... args) {
        int code = exitCode(dir, args);
        if (code != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " in " + dir + " exited " + code);
        }
    }
}
