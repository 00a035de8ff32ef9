package org.repro4j.train;

import org.repro4j.data.Protocols;
import org.repro4j.data.SplitsStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The cohorts of trials of a run waiting to start, and which may start now: a cohort whose splits
 * are held already, or whose splits fit beside those held within {@link #DATA_BUDGET_BYTES} (or
 * nothing is held). When the next cohort in order may not start, a later one that may (a small data
 * set's) starts instead, so a free core keeps working while a large data set waits for the other to
 * be released. The splits of a group count as held from its first trial's start to its last one's
 * end. Thread-safe: the executor's dispatcher takes cohorts, workers report their trials done.
 */
final class TrialQueue implements TrialExecutor.Source {
    /**
     * The splits held at once, as {@link #heldBytes} estimates them: one CIFAR-10 protocol of all
     * five batches (0.74 GB as floats) beside an MNIST one (0.22 GB), never beside the 0.37 GB of
     * cifar-b1 (loading a large one beside it set a full run's peak memory), nor two large ones.
     */
    static final long DATA_BUDGET_BYTES = 1_000L << 20;

    private final List<Cohort> waiting;
    private final Map<List<Object>, Integer> unfinished = new HashMap<>();
    private final Map<List<Object>, Long> held = new HashMap<>();
    private final long budget;
    private long heldBytes;

    /** @param ordered the cohorts in the order they should start when nothing stops them ({@link RunPlan#order}) */
    TrialQueue(List<Cohort> ordered, long budgetBytes) {
        this.waiting = new ArrayList<>(ordered);
        this.budget = budgetBytes;
        ordered.forEach(c -> c.trials().forEach(t -> unfinished.merge(group(t), 1, Integer::sum)));
    }

    /** The next cohort to start, waiting until one may; null when none is left. */
    @Override
    public synchronized Cohort next() throws InterruptedException {
        while (true) {
            if (waiting.isEmpty()) {
                return null;
            }
            Cohort c = poll();
            if (c != null) {
                return c;
            }
            wait();
        }
    }

    /** The first waiting cohort that may start now, taken off the queue; null when none may. */
    synchronized Cohort poll() {
        for (Iterator<Cohort> it = waiting.iterator(); it.hasNext(); ) {
            Cohort c = it.next();
            List<Object> g = group(c.first());
            long bytes = heldBytes(c.first());
            if (held.containsKey(g) || heldBytes == 0 || heldBytes + bytes <= budget) {
                it.remove();
                if (!held.containsKey(g)) {
                    held.put(g, bytes);
                    heldBytes += bytes;
                }
                return c;
            }
        }
        return null;
    }

    /** Whether a started trial is the last of its group still running or waiting. */
    synchronized boolean lastOfGroup(Trial trial) {
        return unfinished.get(group(trial)) == 1;
    }

    /** A started trial has ended: when it was its group's last, its splits no longer count as held. */
    synchronized void done(Trial trial) {
        List<Object> g = group(trial);
        int left = unfinished.merge(g, -1, Integer::sum);
        if (left == 0) {
            Long bytes = held.remove(g);
            heldBytes -= bytes == null ? 0 : bytes;
            notifyAll();
        }
    }

    /** The bytes of splits this queue counts as held now. */
    synchronized long heldBytes() {
        return heldBytes;
    }

    /** Trials that read the same splits, in the same form (every trial of a cohort does). */
    static List<Object> group(Trial t) {
        return List.of(t.data(), TrialRunner.form(t.training()));
    }

    /** About how many bytes a trial's splits take while held (float32, every split). */
    static long heldBytes(Trial t) {
        return 4L * Protocols.nominalSize(t.data().protocol()).all() * t.network().inputs();
    }

    /** Whether a trial's splits are too large to be kept for later once nobody holds them ({@link SplitsStore}). */
    static boolean large(Trial t) {
        return heldBytes(t) > SplitsStore.DEFAULT_RETAINED_BYTES;
    }
}
