package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.Split;
import org.repro4j.spec.SpecLoader;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The curves each shipped experiment asks its trials for, read off by hand from its {@code figures},
 * {@code measure.splits} and early stopping: curves and losses draw the first seed's training and
 * validation splits, runs-accuracy the first seed's validation split, running-loss the first seed's
 * held-out split, seed-band every seed's validation split; weights, weight-norm and the histogram
 * draw none; early stopping reads validation on every seed.
 */
class CurvesTest {
    private static Set<Split> curves(String id, boolean firstSeed) {
        ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
        Set<Split> first = Curves.requested(e.settings().get(0).spec(), firstSeed);
        for (ResolvedExperiment.Setting s : e.settings()) {
            assertEquals(first, Curves.requested(s.spec(), firstSeed), id + ": every setting asks alike");
        }
        return first;
    }

    private static Set<Split> of(Split... splits) {
        Set<Split> set = EnumSet.noneOf(Split.class);
        set.addAll(java.util.List.of(splits));
        return set;
    }

    @Test
    void tablesWithoutFiguresAskForNone() {
        for (String id : new String[]{"dd2424-abadi-t1", "dd2424-bonus-t1", "dd2424-bonus-t2", "dd2424-bonus-mbce"}) {
            assertEquals(of(), curves(id, true), id);
            assertEquals(of(), curves(id, false), id);
        }
    }

    @Test
    void learningCurvesAreTheFirstSeedsTrainingAndValidationSplits() {
        assertEquals(of(Split.TRAIN, Split.VAL), curves("dd2424-abadi-f1", true));
        assertEquals(of(Split.TRAIN, Split.VAL), curves("dd2424-hagglund-ce", true));
        assertEquals(of(), curves("dd2424-hagglund-ce", false), "its other seeds are in the table only");
        assertEquals(of(Split.TRAIN, Split.VAL), curves("dd2424-bonus-f2", true), "curves and losses");
    }

    @Test
    void figuresOfTheTrainedNetworkAskForNone() {
        assertEquals(of(), curves("dd2424-abadi-f2", true), "weights");
        assertEquals(of(), curves("dd2424-bonus-f3", true), "true-class histogram");
        assertEquals(of(), curves("tdt-t4-norm", true), "weight norm");
        assertEquals(of(), curves("tdt-t4-weights", true), "weights");
    }

    @Test
    void comparisonFiguresAskForTheirSplit() {
        assertEquals(of(Split.VAL), curves("tdt-t4-sweep", true), "runs-accuracy");
        assertEquals(of(Split.VAL), curves("vu-e1", true), "running loss beside validation");
        assertEquals(of(), curves("vu-e1", false));
        assertEquals(of(Split.TEST), curves("vu-e4", true), "running loss beside test: this protocol has no validation split");
        assertEquals(of(Split.VAL), curves("vu-e2", false), "seed band: every seed");
        assertEquals(of(Split.VAL), curves("vu-q4", true), "running loss beside validation");
    }

    @Test
    void earlyStoppingReadsValidationOnEverySeed() {
        assertEquals(of(Split.TRAIN, Split.VAL), curves("tdt-t2-logistic", true));
        assertEquals(of(Split.TRAIN, Split.VAL), curves("tdt-t2-shuffle", true), "losses");
        assertEquals(of(Split.VAL), curves("tdt-t2-shuffle", false));
    }
}
