package org.repro4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ChildJvm;
import org.repro4j.TestData;
import org.repro4j.report.Measure;
import org.repro4j.report.Summary;

/**
 * The CUDA build's fallback, without a GPU: that build does not compile {@code org.repro4j.train.OpenBlas}
 * (src/cpu/java), and there {@code training.engine: lean} trains with DL4J's {@code fit}, saying so once.
 * A child JVM whose class path has a copy of the compiled classes without OpenBlas is that build as far as
 * the lean engine can tell; it must run the experiment, print the note once (for two runs), and measure
 * what the lean engine measures in a normal JVM, which prints no note.
 */
class LeanFallbackTest {
    static final String NOTE = "note: training.engine 'lean' trains with DL4J's fit here";
    private static final String OPEN_BLAS = "org/repro4j/train/OpenBlas.class";

    /**
     * Relative tolerance between fit and lean. Both make the same SGD update from the same batches (the
     * shuffling and augmentation are the iterator's, the same for both engines); they differ only in the
     * order of the float32 sums inside the matrix products (DL4J's gemm against the lean step's gemm, gemv
     * and ger calls), about 1e-7 relative per operation: over the 40 updates of each run here the largest
     * difference measured was 1.2e-7 (the test prints it). 1e-5 leaves a hundredfold margin over that, and is still
     * well below what a real difference in the update does to this run: a learning rate 1% off moved the
     * final losses by 6.5e-4 to 8.1e-4 relative, the L2 term left out of the update by 3.7e-4 to 5.4e-4
     * (measured on the first run of this spec), so the 1e-3 of a looser check would miss both. Accuracies
     * are k/n over n <= 2,000 examples: one prediction that flips moves one by 1/n, at least 5e-4 relative,
     * so they must agree exactly, which rounding at 1e-7 upsets only on a near-tie of two outputs.
     */
    static final double TOLERANCE = 1e-5;

    /** Two runs, so that the lean engine is asked for twice in one JVM, with the sources of randomness of DeterminismTest. */
    static final String SPEC = DeterminismTest.SPEC.formatted("fallback", 1) + """
            runs:
              - {name: "eta=0.2", set: {training.learning_rate: 0.2}}
              - {name: "eta=0.1", set: {training.learning_rate: 0.1}}
            """;

    @TempDir
    Path tmp;

    @Test
    void withoutOpenBlasLeanTrainsWithFitSaysSoOnceAndMeasuresTheSame() throws IOException {
        TestData.requireCifar();
        Path normalHome = home("normal");
        ChildJvm.Result normal = ChildJvm.withHome(normalHome).repro(runArgs(normalHome));
        assertEquals(0, normal.exitCode(), normal.describe());
        assertFalse((normal.out() + normal.err()).contains(NOTE), "the CPU build trains lean itself:\n" + normal.describe());

        Path cudaHome = home("cuda-like");
        List<String> classPath = withoutOpenBlas(Files.createDirectories(cudaHome.resolve("classes")));
        ChildJvm.Result fallback = ChildJvm.withHome(cudaHome).withClassPath(classPath).repro(runArgs(cudaHome));
        assertEquals(0, fallback.exitCode(), fallback.describe());
        assertEquals(1, occurrences(fallback.err(), NOTE), "the note once on stderr, for two runs:\n" + fallback.describe());
        assertFalse(fallback.out().contains(NOTE), "the note goes to stderr only:\n" + fallback.describe());
        assertTrue(fallback.err().contains(OPEN_BLAS.replace('/', '.').replace(".class", "")),
                "the note says why:\n" + fallback.err());

        fallback.err().lines().filter(l -> l.contains(NOTE)).forEach(System.out::println);

        Map<String, Measure> lean = measures(normalHome);
        Map<String, Measure> fit = measures(cudaHome);
        assertEquals(lean.keySet(), fit.keySet());
        assertTrue(lean.keySet().stream().anyMatch(k -> k.startsWith("test_loss.")), "final test losses: " + lean.keySet());
        double worst = 0;
        String worstKey = null;
        for (var e : lean.entrySet()) {
            double a = e.getValue().measured();
            double b = fit.get(e.getKey()).measured();
            double relative = a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
            assertTrue(relative <= TOLERANCE, String.format(Locale.ROOT, "%s: lean %.17g, fit %.17g (relative %.2g)",
                    e.getKey(), a, b, relative));
            if (relative >= worst) {
                worst = relative;
                worstKey = e.getKey();
            }
        }
        System.out.printf(Locale.ROOT, "%d measures; largest relative difference fit vs lean: %.3g (%s)%n",
                lean.size(), worst, worstKey);
    }

    private Path home(String name) throws IOException {
        Path home = tmp.resolve(name);
        Files.writeString(Files.createDirectories(home.resolve("experiments")).resolve("fallback.yaml"), SPEC);
        return home;
    }

    private static String[] runArgs(Path home) {
        return new String[] {"run", "fallback", "--quick", "--results", home.resolve("results").toString()};
    }

    private static Map<String, Measure> measures(Path home) {
        return Summary.read(home.resolve("results/fallback").resolve(Summary.FILE_NAME)).measures();
    }

    /**
     * This JVM's class path with its compiled-classes folder (the one holding OpenBlas.class) replaced by
     * a copy in {@code copy} without OpenBlas; fails if any other entry still provides it.
     */
    private static List<String> withoutOpenBlas(Path copy) throws IOException {
        List<String> entries = new ArrayList<>();
        int replaced = 0;
        for (String entry : ChildJvm.testClassPath()) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p.resolve(OPEN_BLAS))) {
                copyWithout(p, copy, p.resolve(OPEN_BLAS));
                entries.add(copy.toString());
                replaced++;
            } else {
                entries.add(entry);
            }
        }
        assertEquals(1, replaced, "one class path folder holds " + OPEN_BLAS + ": " + ChildJvm.testClassPath());
        for (String entry : entries) {
            assertFalse(provides(Path.of(entry), OPEN_BLAS), entry + " still provides " + OPEN_BLAS);
        }
        return entries;
    }

    private static void copyWithout(Path from, Path to, Path left) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.equals(left)) {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static boolean provides(Path entry, String resource) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(resource));
        }
        if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            try (ZipFile jar = new ZipFile(entry.toFile())) {
                return jar.getEntry(resource) != null;
            }
        }
        return false;
    }

    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
