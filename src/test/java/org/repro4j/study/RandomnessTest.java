package org.repro4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.repro4j.spec.SpecLoader;

/** What the seeds vary, as the study's pages state it, read from shipped specs whose settings say it plainly. */
class RandomnessTest {
    private static List<String> of(String id) {
        return Randomness.of(SpecLoader.resolve(Path.of("experiments", id + ".yaml")));
    }

    @Test
    void theSeedsVaryWhatTheSpecsDrawAtRandom() {
        // Normal initial weights, batches in order: only the weights.
        assertEquals(List.of("initial weights"), of("dd2424-hagglund-ce"));
        // Flips drawn anew for every image use, on top of the weights.
        assertEquals(List.of("initial weights, flip draws"), of("dd2424-bonus-t2"));
        assertEquals(List.of("initial weights, gaussian draws"), of("dd2424-hagglund-gauss"));
        // Zero initial weights: only the shuffled batch order varies, and without shuffling nothing does.
        assertEquals(List.of("batch order"), of("tdt-t3-softmax"));
        assertEquals(List.of("nothing (every seed gives the same run)"), of("tdt-t2-logistic"));
        assertEquals(List.of("no shuffle: nothing (every seed gives the same run)", "shuffle: batch order"), of("tdt-t2-shuffle"));
    }
}
