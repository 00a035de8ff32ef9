package org.repro4j.train;

import org.repro4j.spec.Engine;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.TrainingSpec;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials that train side by side on one worker, the unit an executor runs: one trial, or up to
 * {@link #MAX_SIZE} that read the same mini-batches in the same order with networks of one shape,
 * whose steps share their matrix products ({@link CohortSgdStep}), as do their measurements
 * ({@link CohortEvaluation}). The DD2424 tables train four
 * (lambda, eta) settings over three seeds on batches in a fixed order: twelve trainings of one
 * batch stream.
 *
 * <p>Which trials may share a cohort follows from each trial alone ({@link #key}), and a trial's
 * result does not depend on its cohort where OpenBLAS computes each output column of a product the
 * same way whatever the matrix's width, as its SkylakeX kernels do ({@code CohortTest}); a trial
 * with a {@link #key} trains on the cohort's step and measures even when its cohort holds it alone,
 * since the lean step's update rounds apart from the cohort's for batches over 448. With
 * its Haswell kernels the columns round differently at other widths, so results differ from a
 * trial trained alone by float rounding; cohorts are formed the same way on every run of the same
 * command, so results stay the same from run to run.
 */
public record Cohort(List<Trial> trials) implements Serializable {
    /** Past a dozen networks the shared products gain little more, and a cohort keeps one worker busy longer. */
    static final int MAX_SIZE = 12;

    public Cohort {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a cohort has at least one trial");
        }
        trials = List.copyOf(trials);
    }

    static Cohort of(Trial trial) {
        return new Cohort(List.of(trial));
    }

    Trial first() {
        return trials.get(0);
    }

    /**
     * Forms the cohorts of these trials, keeping their order: each trial joins the first cohort
     * before it with its {@link #key} that has room, or starts one.
     */
    static List<Cohort> form(List<Trial> trials) {
        Map<Object, List<Trial>> open = new LinkedHashMap<>();
        List<List<Trial>> formed = new ArrayList<>();
        for (Trial t : trials) {
            Object key = key(t);
            List<Trial> cohort = key == null ? null : open.get(key);
            if (cohort == null || cohort.size() == MAX_SIZE) {
                cohort = new ArrayList<>();
                formed.add(cohort);
                if (key != null) {
                    open.put(key, cohort);
                }
            }
            cohort.add(t);
        }
        List<Cohort> cohorts = new ArrayList<>();
        formed.forEach(c -> cohorts.add(new Cohort(c)));
        return cohorts;
    }

    /**
     * What trials that may train in one cohort have in common, or null for a trial that trains alone.
     * Together: an experiment's trials that the lean engine trains without scoring each batch, without
     * early stopping or step timing, of one float output layer, on the same data with the same
     * batches (size, order, augmentation, epochs). The learning rate, its schedule, L2, the loss, the
     * initial weights and the measures may differ. The seed belongs to the key where it draws the
     * batches (shuffling, augmentation); elsewhere it only draws the initial weights.
     */
    static Object key(Trial t) {
        TrainingSpec training = t.training();
        NetworkSpec network = t.network();
        boolean alone = t.evaluation() != Trial.Evaluation.EXPERIMENT || t.scored()
                || training.engine() != Engine.LEAN || LeanSgdStep.unavailableReason() != null
                || training.earlyStopping() != null || t.measure().stepTime()
                || network.layers().size() != 1 || t.data().dataType() != DataType.FLOAT || training.batchSize() < 2;
        if (alone) {
            return null;
        }
        boolean seedDrawsBatches = training.shuffle() || !training.augment().isEmpty();
        return Arrays.asList(t.data(), t.quick(), t.codeSha256(), network.inputs(), network.layers().get(0).units(),
                training.batchSize(), training.dropLast(), training.shuffle(), training.augment(), t.epochs(),
                seedDrawsBatches ? t.seed() : null);
    }
}
