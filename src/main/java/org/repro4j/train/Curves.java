package org.repro4j.train;

import org.repro4j.data.Protocols;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.Figure;
import org.repro4j.spec.Split;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which splits an experiment needs measured while a trial trains (its curves): those its figures
 * draw, and the validation split where the early-stopping rule reads it. Every split is measured
 * untrained and trained anyway, and measuring one costs about as much as an epoch of training on
 * the small DD2424 protocol, so a table whose curves are drawn by another experiment, or by nobody,
 * asks for none. The spec's {@code measure.splits} bounds what a figure may ask for.
 */
final class Curves {
    private Curves() {
    }

    /**
     * @param setting   a resolved setting of the experiment (its figures, measure section and training)
     * @param firstSeed whether the trial is the setting's first seed: most figures draw that seed only
     */
    static Set<Split> requested(ExperimentSpec setting, boolean firstSeed) {
        Set<Split> wanted = EnumSet.noneOf(Split.class);
        for (Figure figure : setting.figures()) {
            switch (figure) {
                case CURVES, LOSSES -> {
                    if (firstSeed) {
                        wanted.add(Split.TRAIN);
                        wanted.add(Split.VAL);
                    }
                }
                case RUNS_ACCURACY -> {
                    if (firstSeed) {
                        wanted.add(Split.VAL);
                    }
                }
                case RUNNING_LOSS -> {
                    if (firstSeed) {
                        wanted.add(heldOut(setting));
                    }
                }
                case SEED_BAND -> wanted.add(Split.VAL);
                case WEIGHTS, WEIGHT_NORM, TRUE_CLASS_HISTOGRAM -> {
                    // drawn from the trained network only
                }
            }
        }
        wanted.retainAll(setting.measure().splits());
        if (setting.training().earlyStopping() != null) {
            wanted.add(Split.VAL);
        }
        return wanted;
    }

    /** The split the running-loss figure sets beside the training loss: validation, or test where the protocol has none. */
    private static Split heldOut(ExperimentSpec setting) {
        boolean hasVal = Protocols.splits(setting.data().protocol()).contains("val") && setting.measure().splits().contains(Split.VAL);
        return hasVal ? Split.VAL : Split.TEST;
    }
}
