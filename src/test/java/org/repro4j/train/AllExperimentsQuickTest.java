package org.repro4j.train;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repro4j.TestData;
import org.repro4j.report.Summary;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;
import org.repro4j.spec.ToleranceSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped experiment runs in QUICK mode and writes its summary, page, metrics and every
 * figure its page shows. (dd2424-gradcheck and dd2424-hagglund-ce are covered in more depth by
 * {@link ExperimentRunnerTest}.)
 */
class AllExperimentsQuickTest {
    private static final Pattern IMAGE_LINK = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");

    @TempDir
    static Path results;

    static Stream<String> experiments() throws IOException {
        return allSpecs().filter(id -> !List.of("dd2424-gradcheck", "dd2424-hagglund-ce").contains(id));
    }

    /**
     * A widened tolerance names its measures by a pattern, so a typo would silently widen nothing: each
     * pattern a shipped spec declares itself (specs that extend it inherit it, and may have none of its
     * measures) covers at least one of that experiment's measures.
     */
    @ParameterizedTest
    @MethodSource("allSpecs")
    void everyToleranceASpecDeclaresCoversOneOfItsMeasures(String id) throws IOException {
        Path file = Path.of("experiments", id + ".yaml");
        if (!Files.readString(file).lines().anyMatch(l -> l.startsWith("tolerances:"))) {
            return;
        }
        ResolvedExperiment spec = SpecLoader.resolve(file);
        Set<String> measures = ExperimentKind.of(spec.spec().kind()).measures(spec);
        assertFalse(spec.spec().tolerances().isEmpty(), id);
        for (ToleranceSpec t : spec.spec().tolerances()) {
            assertTrue(measures.stream().anyMatch(t::matches), id + ": tolerance '" + t.measures() + "' covers none of " + measures);
        }
    }

    static Stream<String> allSpecs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("experiments"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void quickRunWritesEveryFile(String id) throws IOException {
        Path data = id.startsWith("dd2424") ? TestData.requireCifar() : TestData.requireMnist();
        RunOptions options = new RunOptions(Path.of("experiments"), data, results, true, null,
                new PrintStream(OutputStream.nullOutputStream()));
        Path out = ExperimentRunner.run(id, options);
        Summary s = Summary.read(out.resolve(Summary.FILE_NAME));
        assertFalse(s.measures().isEmpty(), id + " measured nothing");
        ResolvedExperiment spec = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
        Set<String> announced = ExperimentKind.of(spec.spec().kind()).measures(spec);
        if (announced != null) {
            assertEquals(announced, s.measures().keySet(), id + ": the measures known before the run are the ones it produced");
        }
        assertTrue(s.measures().values().stream().allMatch(m -> Double.isFinite(m.measured())), id + ": a measure is not finite");
        String page = Files.readString(out.resolve("README.md"));
        Matcher m = IMAGE_LINK.matcher(page);
        while (m.find()) {
            assertTrue(Files.size(out.resolve(m.group(1))) > 0, id + ": figure " + m.group(1));
        }
        if (Files.exists(out.resolve("metrics.csv"))) {
            // Rows exactly where the experiment asks for curves or a running loss (CurvesTest lists which).
            boolean asks = spec.settings().stream().anyMatch(x -> !Curves.requested(x.spec(), true).isEmpty()
                    || x.spec().measure().runningLoss() != null);
            assertEquals(asks, Files.readAllLines(out.resolve("metrics.csv")).size() > 1, id + ": rows in metrics.csv");
        }
    }
}
