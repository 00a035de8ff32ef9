package org.repro4j.train;

import org.repro4j.data.Splits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Trains trials on this machine, {@code workers} at a time, each in its own thread with
 * single-threaded BLAS ({@code OMP_NUM_THREADS=1}, set by {@code bin/env.sh}): one worker per core
 * keeps every core busy where one trial alone would leave the others idle. Every trial seeds its own
 * thread's ND4J random generator and has its own network, batches and listeners, and the splits are
 * only read, so a trial's result is the same bit for bit whether it trained alone or beside others
 * ({@code LocalExecutorTest}). Identical trials (same hash) train once.
 */
public final class LocalExecutor implements TrialExecutor {
    private final int workers;
    private final ExecutorService pool;

    /** @param workers trials trained at once, at least 1 */
    public LocalExecutor(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.workers = workers;
        this.pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "trial-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** One worker per core the JVM may use. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int workers() {
        return workers;
    }

    @Override
    public List<TrialResult> run(List<Trial> trials, Function<Trial, Splits> data, Runnable onStep) {
        Map<String, Trial> unique = new LinkedHashMap<>();
        trials.forEach(t -> unique.putIfAbsent(t.sha256(), t));
        // Loaded here, once, before any worker reads them.
        Map<String, Splits> splits = new LinkedHashMap<>();
        unique.forEach((hash, t) -> splits.put(hash, data.apply(t)));
        Map<String, TrialResult> results = new LinkedHashMap<>();
        if (pool == null) {
            unique.forEach((hash, t) -> results.put(hash, TrialRunner.run(t, splits.get(hash), onStep)));
        } else {
            Runnable step = synchronizedStep(onStep);
            Map<String, Future<TrialResult>> futures = new LinkedHashMap<>();
            unique.forEach((hash, t) -> futures.put(hash, pool.submit(() -> TrialRunner.run(t, splits.get(hash), step))));
            try {
                for (Map.Entry<String, Future<TrialResult>> f : futures.entrySet()) {
                    results.put(f.getKey(), f.getValue().get());
                }
            } catch (InterruptedException e) {
                futures.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while trials were training", e);
            } catch (ExecutionException e) {
                futures.values().forEach(f -> f.cancel(true));
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        List<TrialResult> ordered = new ArrayList<>();
        trials.forEach(t -> ordered.add(results.get(t.sha256())));
        return ordered;
    }

    private static Runnable synchronizedStep(Runnable onStep) {
        Object lock = new Object();
        return () -> {
            synchronized (lock) {
                onStep.run();
            }
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
