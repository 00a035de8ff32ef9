package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trials start while the data held stays within the budget; a small data set's trials fill the wait. */
class TrialQueueTest {
    /** cifar-all-5k and cifar-all-1k: 60,000 images of 3,072 floats; cifar-b1: 30,000. */
    private static final long ALL = 60_000L * 3_072 * 4;
    private static final long MNIST = 70_000L * 784 * 4;

    private static List<Trial> trials(String id, int n) {
        ResolvedExperiment e = SpecLoader.resolve(Path.of("experiments", id + ".yaml"));
        return TrainExperiment.plan(e, e.spec().seeds(), false).stream().map(TrainExperiment.SettingTrial::trial).limit(n).toList();
    }

    private static Trial first(Cohort c) {
        return c == null ? null : c.first();
    }

    @Test
    void aSecondLargeDataSetWaitsWhileSmallOnesStartInItsPlace() throws InterruptedException {
        List<Trial> a = trials("dd2424-abadi-t1", 2);
        List<Trial> b = trials("dd2424-bonus-t1", 1);
        List<Trial> s = trials("dd2424-hagglund-ce", 1);
        List<Trial> m = trials("vu-e3", 2);
        TrialQueue queue = new TrialQueue(Stream.of(a.get(0), a.get(1), b.get(0), s.get(0), m.get(0), m.get(1)).map(Cohort::of).toList(),
                TrialQueue.DATA_BUDGET_BYTES);

        assertSame(a.get(0), first(queue.poll()));
        assertSame(a.get(1), first(queue.poll()), "its data is held already");
        assertEquals(ALL, queue.heldBytes());
        assertSame(m.get(0), first(queue.poll()), "cifar-all-1k and cifar-b1 beside cifar-all-5k are over the budget; MNIST fits");
        assertSame(m.get(1), first(queue.poll()));
        assertEquals(ALL + MNIST, queue.heldBytes());
        assertNull(queue.poll(), "only the second large data set and cifar-b1 are left, and the first is held");

        assertFalse(queue.lastOfGroup(a.get(0)));
        queue.done(a.get(0));
        assertEquals(ALL + MNIST, queue.heldBytes(), "a group's splits count as held until its last trial is done");
        assertNull(queue.poll());
        assertTrue(queue.lastOfGroup(a.get(1)));
        queue.done(a.get(1));
        assertEquals(MNIST, queue.heldBytes(), "the last trial of cifar-all-5k is done");
        assertSame(b.get(0), first(queue.next()), "cifar-all-1k beside MNIST fits");
        assertEquals(ALL + MNIST, queue.heldBytes());
        assertNull(queue.poll(), "cifar-b1 beside cifar-all-1k does not");
        queue.done(b.get(0));
        assertSame(s.get(0), first(queue.next()));
        assertNull(queue.next(), "nothing left");
    }

    @Test
    void anythingStartsWhenNothingIsHeld() {
        Trial large = trials("dd2424-abadi-t1", 1).get(0);
        TrialQueue queue = new TrialQueue(List.of(Cohort.of(large)), 1);
        assertSame(large, first(queue.poll()), "a budget smaller than one data set still lets it start alone");
    }
}
