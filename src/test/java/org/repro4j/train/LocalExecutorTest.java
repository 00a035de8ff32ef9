package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.repro4j.TestData;
import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;
import org.repro4j.report.MetricRow;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trials trained two at a time give, bit for bit, what they give one at a time. */
class LocalExecutorTest {
    static List<Trial> quickTrials(String id) {
        ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
        List<Trial> trials = new ArrayList<>();
        for (ResolvedExperiment.Setting s : e.settings()) {
            trials.add(Trial.of(s.spec(), e.spec().seeds().get(0), true, Trial.Evaluation.EXPERIMENT));
        }
        return trials;
    }

    @Test
    void twoWorkersGiveTheResultsOfOneInTheGivenOrder() {
        Path data = TestData.requireCifar();
        // Four settings with batches in order, and four with random flips on another protocol.
        List<Trial> trials = new ArrayList<>(quickTrials("dd2424-hagglund-ce"));
        trials.addAll(quickTrials("dd2424-bonus-t2"));
        SplitsStore store = new SplitsStore(Long.MAX_VALUE);
        java.util.function.Function<Cohort, Splits> splits = c -> store.acquire(c.first().data(), data, true,
                TrialRunner.form(c.first().training())).splits();

        AtomicLong steps = new AtomicLong();
        List<TrialResult> one;
        try (LocalExecutor alone = new LocalExecutor(1)) {
            one = alone.run(trials, splits, steps::incrementAndGet);
        }
        long stepsAlone = steps.getAndSet(0);
        List<TrialResult> two;
        try (LocalExecutor pair = new LocalExecutor(2)) {
            two = pair.run(trials, splits, steps::incrementAndGet);
        }
        assertEquals(stepsAlone, steps.get(), "every step is counted once, from either worker");
        assertEquals(trials.size(), two.size());
        for (int i = 0; i < trials.size(); i++) {
            assertEquals(one.get(i).measures(), two.get(i).measures(), "trial " + i);
            assertEquals(withoutWallTime(one.get(i).rows()), withoutWallTime(two.get(i).rows()), "trial " + i);
            org.junit.jupiter.api.Assertions.assertArrayEquals(one.get(i).firstLayerWeights().values(),
                    two.get(i).firstLayerWeights().values(), "trial " + i);
        }
        assertNotEquals(one.get(0).measures(), one.get(1).measures(), "different settings give different results");
        String cores = " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        assertTrue(two.get(0).trainedOn().startsWith("local, ") && two.get(0).trainedOn().endsWith(cores), two.get(0).trainedOn());
    }

    /**
     * A trial without augmentation trains the same network, bit for bit, on splits normalised once
     * as on splits in pixel scale normalised batch by batch; an augmenting one refuses normalised splits.
     */
    @Test
    void bothFormsOfTheSplitsTrainTheSameNetwork() {
        Path data = TestData.requireCifar();
        Trial trial = quickTrials("dd2424-hagglund-ce").get(1);
        SplitsStore store = new SplitsStore(0);
        TrialResult normalized;
        TrialResult pixels;
        try (SplitsStore.Lease n = store.acquire(trial.data(), data, true, SplitsStore.Form.NORMALIZED);
             SplitsStore.Lease p = store.acquire(trial.data(), data, true, SplitsStore.Form.PIXEL_SCALE)) {
            normalized = TrialRunner.run(trial, n.splits(), () -> {
            });
            pixels = TrialRunner.run(trial, p.splits(), () -> {
            });
            Trial augmenting = quickTrials("dd2424-bonus-t2").get(0);
            assertThrows(IllegalStateException.class, () -> TrialRunner.run(augmenting, n.splits(), () -> {
            }));
        }
        assertEquals(normalized.measures(), pixels.measures());
        assertEquals(withoutWallTime(normalized.rows()), withoutWallTime(pixels.rows()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(normalized.firstLayerWeights().values(), pixels.firstLayerWeights().values());
        org.junit.jupiter.api.Assertions.assertArrayEquals(normalized.testTrueClass().probability(), pixels.testTrueClass().probability());
    }

    @Test
    void aFailingTrialFailsTheRunWithItsOwnError() {
        Path data = TestData.requireCifar();
        List<Trial> trials = quickTrials("dd2424-hagglund-ce");
        try (LocalExecutor pair = new LocalExecutor(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pair.run(trials, d -> {
                throw new IllegalStateException("no data here");
            }, () -> {
            }));
            assertEquals("no data here", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new LocalExecutor(0));
    }

    /**
     * A trial that fails on a worker while the dispatcher waits for the next trial (a large data set
     * waiting for memory) ends the run with the trial's error instead of waiting forever.
     */
    @Test
    void aTrialFailingWhileTheSourceWaitsEndsTheRunWithItsError() {
        Path data = TestData.requireCifar();
        Trial augmenting = quickTrials("dd2424-bonus-t2").get(0);
        SplitsStore store = new SplitsStore(0);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        boolean[] given = {false};
        TrialExecutor.Source source = () -> {
            if (!given[0]) {
                given[0] = true;
                return Cohort.of(augmenting);
            }
            never.await(); // no trial can start until one ends; this one will not end
            return null;
        };
        try (LocalExecutor pair = new LocalExecutor(2);
             SplitsStore.Lease normalized = store.acquire(augmenting.data(), data, true, SplitsStore.Form.NORMALIZED)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pair.run(source, t -> normalized.splits(),
                    () -> {
                    }, (t, r, seconds) -> {
                    }));
            assertEquals("an augmenting trial needs its splits in pixel scale (SplitsStore.Form.PIXEL_SCALE)", e.getMessage());
        }
    }

    static List<MetricRow> withoutWallTime(List<MetricRow> rows) {
        return rows.stream().map(r -> new MetricRow(r.setting(), r.seed(), r.epoch(), r.step(), r.split(), r.loss(), r.cost(),
                r.accuracy(), r.learningRate(), 0)).toList();
    }
}
