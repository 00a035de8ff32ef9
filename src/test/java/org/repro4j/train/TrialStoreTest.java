package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.MetricRow;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.SpecLoader;
import org.repro4j.spec.Split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trial is named by what it trains, and its stored result comes back exactly. */
class TrialStoreTest {
    @TempDir
    Path dir;

    private static ExperimentSpec spec() {
        return SpecLoader.load(Path.of("experiments/dd2424-hagglund-best.yaml"));
    }

    @Test
    void aTrialIsNamedByWhatItTrainsNotByTheExperimentOrSetting() {
        ExperimentSpec best = spec();
        ExperimentSpec ce = SpecLoader.resolve(Path.of("experiments/dd2424-hagglund-ce.yaml"))
                .setting("lambda=0.1,eta=0.001").spec();
        Trial a = Trial.of(best, 1, false, Trial.Evaluation.EXPERIMENT);
        assertEquals(a.sha256(), Trial.of(spec(), 1, false, Trial.Evaluation.EXPERIMENT).sha256());
        assertNotEquals(a.sha256(), Trial.of(best, 2, false, Trial.Evaluation.EXPERIMENT).sha256(), "seed");
        assertNotEquals(a.sha256(), Trial.of(best, 1, true, Trial.Evaluation.EXPERIMENT).sha256(), "mode");
        assertNotEquals(a.sha256(), Trial.of(best, 1, false, Trial.Evaluation.CANDIDATE).sha256(), "evaluation");
        assertNotEquals(a.sha256(), Trial.of(ce, 1, false, Trial.Evaluation.EXPERIMENT).sha256(), "training section");
        assertTrue(a.json().contains("\"learning_rate\":0.04") && a.json().contains("\"seed\":1"), a.json());
        assertTrue(a.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void curvesAreARequestNotPartOfTheName() {
        Trial none = Trial.of(spec(), 1, false, Trial.Evaluation.EXPERIMENT).withCurves(List.of());
        Trial both = none.withCurves(List.of(Split.VAL, Split.TRAIN));
        assertEquals(none.sha256(), both.sha256());
        assertEquals(List.of(Split.TRAIN, Split.VAL), both.curves(), "in split order");
        assertNotEquals(none.json(), both.json(), "the recipe stored beside a result says which it measured");
    }

    @Test
    void aResultWithMoreCurvesServesARequestForFewerNotTheOtherWay() {
        Trial val = Trial.of(spec(), 1, false, Trial.Evaluation.EXPERIMENT).withCurves(List.of(Split.VAL));
        TrialResult result = new TrialResult(List.of(new MetricRow("", 1, 1, 20, "val", 2.0, 2.1, 0.3, 0.04, 0.5)),
                Map.of("test_acc", 0.39), 20, null, null, null);
        TrialStore store = new TrialStore(dir);
        store.store(val, result);
        assertTrue(store.contains(val.withCurves(List.of())));
        assertEquals(0.39, store.load(val.withCurves(List.of())).measures().get("test_acc"));
        assertNull(store.load(val).trainedOn(), "where it trained, when nobody said");
        store.store(val, result.withTrainedOn("spark spark://10.0.0.1:7077, node-3 (8 cores)"));
        assertEquals("spark spark://10.0.0.1:7077, node-3 (8 cores)", store.load(val).trainedOn());
        assertTrue(store.contains(val));
        Trial both = val.withCurves(List.of(Split.TRAIN, Split.VAL));
        assertFalse(store.contains(both), "the training split was not measured");
        assertNull(store.load(both));
        assertEquals(List.of(Split.VAL), store.curves(both));
    }

    @Test
    void aStoredResultComesBackExactlyNonFiniteValuesIncluded() {
        Trial trial = Trial.of(spec(), 1, false, Trial.Evaluation.EXPERIMENT);
        Map<String, Double> measures = new LinkedHashMap<>();
        measures.put("test_acc", 0.3989);
        measures.put("test_cost", Double.POSITIVE_INFINITY);
        measures.put("val_loss", Double.NaN);
        List<MetricRow> rows = List.of(new MetricRow("", 1, 0, 0, "train", 2.3, 2.4, 0.1, 0.04, 0.5),
                new MetricRow("", 1, 1, 20, "val", Double.NaN, Double.POSITIVE_INFINITY, 0.2, 0.038, 1.25));
        TrialResult result = new TrialResult(rows, measures, 20, "diverged at epoch 1, step 20: train cost = Infinity",
                new TrialResult.Matrix(2, 3, new double[]{1, -2, 3.5, Double.NaN, 0, 1e-30}),
                new TrialResult.TrueClass(new double[]{0.25, 0.75}, new boolean[]{false, true}));
        TrialStore store = new TrialStore(dir);
        assertNull(store.load(trial), "nothing stored yet");
        store.store(trial, result);

        TrialResult back = store.load(trial);
        assertEquals(rows, back.rows());
        assertEquals(measures, back.measures());
        assertEquals(List.copyOf(measures.keySet()), List.copyOf(back.measures().keySet()), "in order");
        assertEquals(20, back.stepsPerEpoch());
        assertEquals(result.divergence(), back.divergence());
        assertArrayEquals(result.firstLayerWeights().values(), back.firstLayerWeights().values());
        assertEquals(3, back.firstLayerWeights().columns());
        assertArrayEquals(result.testTrueClass().probability(), back.testTrueClass().probability());
        assertArrayEquals(result.testTrueClass().correct(), back.testTrueClass().correct());
        assertTrue(Files.isRegularFile(dir.resolve(trial.sha256()).resolve("trial.json")), "the recipe is kept beside it");
    }

    @Test
    void aDamagedEntryIsTrainedAgainNotRead() throws IOException {
        Trial trial = Trial.of(spec(), 1, false, Trial.Evaluation.EXPERIMENT);
        TrialStore store = new TrialStore(dir);
        store.store(trial, new TrialResult(List.of(), Map.of("test_acc", 0.4), 1, null, null, null));
        Files.writeString(dir.resolve(trial.sha256()).resolve("result.json"), "{\"measures\": {\"test_acc\": ");
        assertNull(store.load(trial));
    }
}
