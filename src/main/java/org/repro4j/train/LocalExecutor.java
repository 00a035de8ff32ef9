package org.repro4j.train;

import org.repro4j.data.Splits;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Trains cohorts of trials on this machine, {@code workers} at a time, each in its own thread with
 * single-threaded BLAS ({@code OMP_NUM_THREADS=1}, set by {@code bin/env.sh}): one worker per core
 * keeps every core busy where one trial alone would leave the others idle. A worker that is free
 * takes the next cohort from the source. Every trial seeds its own thread's ND4J random generator and
 * has its own network, batches and listeners, and the splits are only read, so a trial's result is
 * the same bit for bit whether it trained alone or beside others ({@code LocalExecutorTest}).
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
    public int parallelism() {
        return workers;
    }

    @Override
    public void run(Source trials, Function<Cohort, Splits> data, Runnable onStep, Finished finished) {
        try {
            if (pool == null) {
                for (Cohort c = trials.next(); c != null; c = trials.next()) {
                    train(c, data.apply(c), onStep, finished);
                }
                return;
            }
            runOnWorkers(trials, data, synchronizedStep(onStep), finished);
        } catch (InterruptedException e) {
            if (pool != null) {
                pool.shutdownNow();
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trials were training", e);
        }
    }

    /** Trains a cohort and reports each of its trials, with an equal share of the cohort's seconds. */
    private static void train(Cohort cohort, Splits splits, Runnable onStep, Finished finished) {
        long start = System.nanoTime();
        List<TrialResult> results = TrialRunner.run(cohort, splits, onStep);
        double seconds = (System.nanoTime() - start) / 1e9 / results.size();
        String where = TrialExecutors.where(TrialExecutors.LOCAL);
        for (int i = 0; i < results.size(); i++) {
            finished.accept(cohort.trials().get(i), results.get(i).withTrainedOn(where), seconds);
        }
    }

    private void runOnWorkers(Source trials, Function<Cohort, Splits> data, Runnable step, Finished finished)
            throws InterruptedException {
        Object finishing = new Object();
        Semaphore free = new Semaphore(workers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread dispatcher = Thread.currentThread();
        try {
            while (failure.get() == null) {
                free.acquire();
                Cohort c;
                try {
                    c = trials.next();
                } catch (InterruptedException e) {
                    free.release();
                    throw e;
                }
                if (c == null) {
                    free.release();
                    break;
                }
                Splits splits;
                try {
                    splits = data.apply(c);
                } catch (RuntimeException | Error e) {
                    free.release();
                    failure.compareAndSet(null, e);
                    break;
                }
                pool.execute(() -> {
                    try {
                        train(c, splits, step, (trial, result, seconds) -> {
                            synchronized (finishing) {
                                finished.accept(trial, result, seconds);
                            }
                        });
                    } catch (Throwable e) {
                        if (failure.compareAndSet(null, e)) {
                            dispatcher.interrupt(); // it may be waiting for a trial that now never comes
                        }
                    } finally {
                        free.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            if (failure.get() == null) {
                throw e;
            }
            Thread.interrupted(); // a worker's failure woke the dispatcher: report that failure
        }
        free.acquireUninterruptibly(workers); // every started trial has ended
        free.release(workers);
        Thread.interrupted(); // a failure after the last trial was taken may have interrupted this thread
        TrialExecutor.rethrow(failure.get());
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
