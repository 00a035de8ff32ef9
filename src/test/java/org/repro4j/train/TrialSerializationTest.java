package org.repro4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.repro4j.report.MetricRow;
import org.repro4j.spec.Kind;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

/**
 * A cluster executor ships cohorts of trials to other JVMs and their results back (Java
 * serialisation, as Spark does): every experiment's trials, and a result with every part filled,
 * come back equal.
 */
class TrialSerializationTest {
    @Test
    void everyExperimentsTrialsCrossAJvmBoundaryUnchanged() throws Exception {
        List<Trial> trials = new ArrayList<>();
        try (Stream<Path> specs = Files.list(Path.of("experiments"))) {
            for (Path spec : specs.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                ResolvedExperiment e = SpecLoader.resolve(spec);
                if (e.spec().kind() == Kind.TRAIN) {
                    for (ResolvedExperiment.Setting s : e.settings()) {
                        trials.add(Trial.of(s.spec(), e.spec().seeds().get(0), false, Trial.Evaluation.EXPERIMENT));
                    }
                }
            }
        }
        assertFalse(trials.isEmpty());
        for (Cohort cohort : Cohort.form(trials)) {
            Cohort back = roundTrip(cohort);
            assertEquals(cohort, back);
            for (int i = 0; i < cohort.trials().size(); i++) {
                assertEquals(cohort.trials().get(i).sha256(), back.trials().get(i).sha256());
            }
        }
    }

    @Test
    void aResultCrossesAJvmBoundaryUnchanged() throws Exception {
        TrialResult result = new TrialResult(
                List.of(new MetricRow("lambda=0", 3, 1, 450, "val", 1.75, 1.8, 0.41, 0.01, 2.5)),
                Map.of("test_acc", 0.4123, "test_loss", 1.7), 450, "epoch 3",
                new TrialResult.Matrix(2, 3, new double[] {1, 2, 3, 4, 5, 6}),
                new TrialResult.TrueClass(new double[] {0.25, 0.75}, new boolean[] {false, true}));
        TrialResult back = roundTrip(result);
        assertEquals(result.rows(), back.rows());
        assertEquals(result.measures(), back.measures());
        assertEquals(result.stepsPerEpoch(), back.stepsPerEpoch());
        assertEquals(result.divergence(), back.divergence());
        assertArrayEquals(result.firstLayerWeights().values(), back.firstLayerWeights().values());
        assertArrayEquals(result.testTrueClass().probability(), back.testTrueClass().probability());
        assertArrayEquals(result.testTrueClass().correct(), back.testTrueClass().correct());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
