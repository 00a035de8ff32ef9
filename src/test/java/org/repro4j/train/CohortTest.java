package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.repro4j.TestData;
import org.repro4j.data.SplitsStore;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trials trained side by side in a cohort, and measured in its shared passes over the splits, give
 * what each gives trained and measured alone: bit for bit with
 * OpenBLAS's SkylakeX kernels, which compute a product's columns the same way at any width (what
 * {@code bin/env.sh} picks on CPUs with AVX-512, as here and in CI); within float rounding with others.
 */
class CohortTest {
    private static final boolean WIDTH_INVARIANT_KERNELS = "SkylakeX".equalsIgnoreCase(System.getenv("OPENBLAS_CORETYPE"));

    @Test
    void aCohortTrainsEachTrialAsItTrainsAlone() {
        Path data = TestData.requireCifar();
        // Four softmax and four SVM settings: one batch stream, two losses (the SVM's through its ILossFunction).
        List<Trial> trials = new ArrayList<>(LocalExecutorTest.quickTrials("dd2424-hagglund-ce"));
        trials.addAll(LocalExecutorTest.quickTrials("dd2424-hagglund-svm"));
        List<Cohort> cohorts = Cohort.form(trials);
        assertEquals(1, cohorts.size(), "one batch stream, one cohort");
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease lease = store.acquire(trials.get(0).data(), data, true, TrialRunner.form(trials.get(0).training()))) {
            List<TrialResult> together = TrialRunner.run(cohorts.get(0), lease.splits(), () -> {
            });
            for (int i = 0; i < trials.size(); i++) {
                TrialResult alone = TrialRunner.run(trials.get(i), lease.splits(), () -> {
                });
                TrialResult cohort = together.get(i);
                assertEquals(alone.measures().keySet(), cohort.measures().keySet());
                assertEquals(LocalExecutorTest.withoutWallTime(alone.rows()).size(), cohort.rows().size());
                assertFalse(cohort.rows().isEmpty(), "the curves, measured in the cohort's shared passes");
                if (WIDTH_INVARIANT_KERNELS) {
                    assertEquals(alone.measures(), cohort.measures(), "trial " + i);
                    assertEquals(LocalExecutorTest.withoutWallTime(alone.rows()), LocalExecutorTest.withoutWallTime(cohort.rows()), "trial " + i);
                    assertArrayEquals(alone.firstLayerWeights().values(), cohort.firstLayerWeights().values(), "trial " + i);
                } else {
                    for (Map.Entry<String, Double> m : alone.measures().entrySet()) {
                        assertEquals(m.getValue(), cohort.measures().get(m.getKey()), 1e-3 * Math.max(1, Math.abs(m.getValue())),
                                "trial " + i + ", " + m.getKey());
                    }
                }
            }
            assertNotEquals(together.get(0).measures(), together.get(4).measures(), "the softmax and the SVM train differently");
        }
    }

    @Test
    void trialsShareACohortOnlyWhenTheyReadTheSameBatches() {
        List<Trial> trials = new ArrayList<>();
        for (String id : List.of("dd2424-abadi-t1", "dd2424-bonus-t2", "dd2424-hagglund-long", "vu-e3", "tdt-t2-logistic")) {
            ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
            TrainExperiment.plan(e, e.spec().seeds(), false).forEach(t -> trials.add(t.trial()));
        }
        List<Cohort> cohorts = Cohort.form(trials);
        // abadi-t1: batches in a fixed order, so its 4 settings x 3 seeds are one cohort of 12.
        assertEquals(12, cohorts.get(0).trials().size());
        // bonus-t2: flips drawn from the seed, so one cohort per seed of its four settings.
        for (int c = 1; c <= 3; c++) {
            List<Trial> cohort = cohorts.get(c).trials();
            assertEquals(4, cohort.size());
            assertTrue(cohort.stream().allMatch(t -> t.seed() == cohort.get(0).seed()));
        }
        // The rest train alone: one of its kind, a two-layer MLP, a logistic regression with early stopping.
        assertTrue(cohorts.subList(4, cohorts.size()).stream().allMatch(c -> c.trials().size() == 1));
        assertEquals(trials.size(), cohorts.stream().mapToInt(c -> c.trials().size()).sum());

        assertNotNull(Cohort.key(trials.get(0)));
        Trial candidate = new Trial(trials.get(0).data(), trials.get(0).network(), trials.get(0).training(), trials.get(0).measure(),
                1, false, Trial.Evaluation.CANDIDATE, trials.get(0).codeSha256(), List.of());
        assertNull(Cohort.key(candidate), "a search candidate scores every batch, and trains alone");
    }

    /**
     * DESIGN's invariant for cohorts: a trial's result is the same bit for bit whatever the size of the
     * cohort it trained in (the seed study trains 10 seeds of a setting together, {@code make reproduce}
     * fewer, and alone where an experiment has one seed). The setting of {@code dd2424-hagglund-best}, whose
     * batches of 500 are longer than one of OpenBLAS's K blocks (448): trained alone by the lean step, its
     * losses were 1e-9 apart from its study cohort's (bench/NOTES.md, items 17 and 18).
     */
    @Test
    void aTrialsResultDoesNotDependOnItsCohortsSize() {
        Path data = TestData.requireCifar();
        ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", "dd2424-hagglund-best.yaml"));
        List<Trial> ten = new ArrayList<>();
        for (long seed = 1; seed <= 10; seed++) {
            ten.add(Trial.of(e.settings().get(0).spec(), seed, true, Trial.Evaluation.EXPERIMENT));
        }
        List<Cohort> formed = Cohort.form(ten);
        assertEquals(1, formed.size(), "ten seeds of a setting with batches in order, one cohort");
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease lease = store.acquire(ten.get(0).data(), data, true, TrialRunner.form(ten.get(0).training()))) {
            List<TrialResult> inTen = TrialRunner.run(formed.get(0), lease.splits(), () -> {
            });
            for (int size : new int[] {3, 1}) {
                List<TrialResult> inFew = TrialRunner.run(new Cohort(ten.subList(0, size)), lease.splits(), () -> {
                });
                for (int i = 0; i < size; i++) {
                    if (!WIDTH_INVARIANT_KERNELS) {
                        // Other kernels round a product's columns by its width: the same within float rounding.
                        for (Map.Entry<String, Double> m : inFew.get(i).measures().entrySet()) {
                            assertEquals(m.getValue(), inTen.get(i).measures().get(m.getKey()), 1e-3 * Math.max(1, Math.abs(m.getValue())),
                                    "seed " + (i + 1) + ", " + m.getKey());
                        }
                        continue;
                    }
                    assertEquals(inFew.get(i).measures(), inTen.get(i).measures(), "seed " + (i + 1) + ", cohorts of " + size + " and 10");
                    assertEquals(LocalExecutorTest.withoutWallTime(inFew.get(i).rows()), LocalExecutorTest.withoutWallTime(inTen.get(i).rows()),
                            "seed " + (i + 1) + ", cohorts of " + size + " and 10");
                    assertArrayEquals(inFew.get(i).firstLayerWeights().values(), inTen.get(i).firstLayerWeights().values(),
                            "seed " + (i + 1) + ", cohorts of " + size + " and 10");
                }
            }
        }
    }
}
