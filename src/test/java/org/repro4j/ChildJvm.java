package org.repro4j;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code repro} ({@link org.repro4j.cli.Repro}) in a separate JVM, as {@code bin/repro} does: the
 * native settings and JVM options of {@code bin/env.sh} ({@code OPENBLAS_CORETYPE}, {@code OMP_NUM_THREADS},
 * {@code REPRO_JAVA_OPTS}), {@code -Drepro.home=<home>}, and by default this test JVM's own class path.
 * {@code DATA_DIR} is set to {@link TestData#dir()}. Output goes to files, read back into the {@link Result}.
 */
public final class ChildJvm {
    /**
     * A guard against a hung child, not a speed check: a QUICK child run takes seconds, so a child still
     * running after this long is stuck and is killed (the test then fails saying so).
     */
    private static final long HANG_GUARD_MINUTES = 20;

    private final Path home;
    private final List<String> classPath;

    private ChildJvm(Path home, List<String> classPath) {
        this.home = home;
        this.classPath = List.copyOf(classPath);
    }

    /** A child with {@code home} as its project folder ({@code experiments/} there) and this JVM's class path. */
    public static ChildJvm withHome(Path home) {
        return new ChildJvm(home, testClassPath());
    }

    /** The same child with another class path. */
    public ChildJvm withClassPath(List<String> entries) {
        return new ChildJvm(home, entries);
    }

    /** This test JVM's class path ({@code java.class.path}; Surefire sets it to the test class path). */
    public static List<String> testClassPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** What a child printed and returned. */
    public record Result(int exitCode, String out, String err) {
        /** Everything, for assertion messages. */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** Runs {@code repro <args>} and waits for it. */
    public Result repro(String... args) {
        try {
            Path logs = Files.createDirectories(home.resolve("child-logs"));
            Path out = Files.createTempFile(logs, "stdout", ".txt");
            Path err = Files.createTempFile(logs, "stderr", ".txt");
            Path envSh = projectFolder().resolve("bin/env.sh");
            if (!Files.isRegularFile(envSh)) {
                throw new IllegalStateException("no " + envSh + ": the tests run in the project folder");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of("bash", "-c",
                    // bin/repro's way: source env.sh, then java $REPRO_JAVA_OPTS (word-split on purpose).
                    ". \"$1\" && java=\"$2\" && shift 2 && exec \"$java\" $REPRO_JAVA_OPTS \"$@\"",
                    "repro-child", envSh.toString(), java,
                    "-Drepro.home=" + home, "-cp", String.join(File.pathSeparator, classPath), "org.repro4j.cli.Repro"));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("DATA_DIR", TestData.dir().toString());
            Process p = pb.start();
            if (!p.waitFor(HANG_GUARD_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("repro " + String.join(" ", args) + " hung (still running after "
                        + HANG_GUARD_MINUTES + " minutes) and was killed; its output so far is in " + logs);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }

    /** The project folder, where Maven runs the tests (bin/env.sh is there). */
    private static Path projectFolder() {
        return Path.of("").toAbsolutePath();
    }
}
