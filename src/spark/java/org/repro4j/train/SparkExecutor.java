package org.repro4j.train;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.repro4j.ReproException;
import org.repro4j.data.Splits;
import org.repro4j.data.SplitsStore;

/**
 * Trains cohorts on a Apache Spark cluster, one cohort per Spark task (the task-parallel pattern of
 * Hyperopt's SparkTrials): each task trains its whole cohort in an executor JVM, on splits that JVM
 * loads itself from the data folder ({@link SplitsStore}, which keeps them for the next task on the
 * same data), and returns the trials' results to the driver, which stores them as the local executor's.
 *
 * <p>A cohort is one Spark job of one task, submitted as soon as a task slot is free, so results come
 * back one cohort at a time and the run assembles experiments while others train. A trial's result
 * does not depend on where it trained (DESIGN.md); the test that starts a standalone cluster checks
 * that against the local executor.
 */
public final class SparkExecutor implements TrialExecutor {
    /**
     * The variable of {@code bin/env.sh} that holds the JVM options Spark needs on Java 17; {@code bin/repro}
     * gives them to the driver, and the driver to the executors it starts.
     */
    static final String JAVA_OPTIONS_VARIABLE = "SPARK_JAVA_OPTS";

    /**
     * How long a run waits while the cluster has no executor at all before it fails: Spark itself waits for
     * ever for a worker to come back ({@code ../shared/SPARK-NOTES.md}). {@code REPRO_SPARK_WAIT_SECONDS} sets it.
     */
    static final Duration DEFAULT_EXECUTOR_WAIT = Duration.ofSeconds(120);

    /** The Spark setting that names the executors' data folder where it is not the driver's path (README). */
    static final String EXECUTOR_DATA_DIR = "spark.repro.dataDir";

    private final TrialExecutors.Choice choice;
    private final Path dataDir;
    private final boolean quick;
    private final Duration executorWait;
    private JavaSparkContext context;

    SparkExecutor(TrialExecutors.Choice choice, Path dataDir, boolean quick) {
        this(choice, dataDir, quick, executorWait(System.getenv("REPRO_SPARK_WAIT_SECONDS")));
    }

    SparkExecutor(TrialExecutors.Choice choice, Path dataDir, boolean quick, Duration executorWait) {
        this.choice = choice;
        this.dataDir = dataDir.toAbsolutePath();
        this.quick = quick;
        this.executorWait = executorWait;
    }

    static Duration executorWait(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_EXECUTOR_WAIT;
        }
        try {
            long s = Long.parseLong(seconds.trim());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new ReproException("REPRO_SPARK_WAIT_SECONDS=" + seconds + " is not a number of seconds above 0. Fix: unset it"
                + " (" + DEFAULT_EXECUTOR_WAIT.toSeconds() + " s) or give e.g. 300.");
    }

    /** The kind {@code --executor spark} names, for {@link TrialExecutors}. */
    public static final class Provider implements TrialExecutors.Provider {
        @Override
        public String kind() {
            return "spark";
        }

        @Override
        public TrialExecutor create(TrialExecutors.Choice choice, Path dataDir, boolean quick) {
            return new SparkExecutor(choice, dataDir, quick);
        }
    }

    /** Each executor JVM holds the data of its own tasks; nothing is loaded here. */
    @Override
    public long dataBudgetBytes() {
        return Long.MAX_VALUE;
    }

    /** The configuration of the run's Spark application: executors set up as {@code bin/env.sh} sets up this JVM. */
    static SparkConf configuration(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("repro4j")
                .set("spark.ui.enabled", "false")
                // A deterministic failure is a result (divergence) or a bug; retrying it four times only repeats it.
                .set("spark.task.maxFailures", "1")
                // A standalone worker launches executors from SPARK_HOME/jars; this tells it which Scala build.
                .setExecutorEnv("SPARK_SCALA_VERSION", "2.12")
                .setExecutorEnv("OMP_NUM_THREADS", "1")
                .setExecutorEnv("MALLOC_ARENA_MAX", "2");
        if (master.startsWith("spark://127.0.0.1:") || master.startsWith("spark://localhost:")) {
            // A cluster on this machine reaches the driver on the loopback address, whatever the host name resolves to.
            conf.set("spark.driver.host", "127.0.0.1");
        }
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        if (coreType != null) {
            conf.setExecutorEnv("OPENBLAS_CORETYPE", coreType);
        }
        String java17 = System.getenv(JAVA_OPTIONS_VARIABLE);
        if (java17 == null || java17.isBlank()) {
            if (!submitted()) {
                throw new ReproException("The Spark executor needs the JVM options in " + JAVA_OPTIONS_VARIABLE
                        + " (bin/env.sh sets it). Fix: run through bin/repro or make, which read bin/env.sh, or spark-submit"
                        + " the application jar (make spark-app).");
            }
            java17 = ""; // spark-submit started this JVM with Spark's Java 17 options and adds them to executors' commands
        }
        // After the options given to spark-submit (--conf spark.executor.extraJavaOptions=...), not instead of them.
        conf.set("spark.executor.extraJavaOptions", (conf.get("spark.executor.extraJavaOptions", "") + " " + java17
                + " -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Dorg.bytedeco.javacpp.maxbytes=6g"
                + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Djava.awt.headless=true").trim());
        if (!conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            // Executors on this machine (local, or a standalone cluster on it) read the driver's class path; a
            // remote cluster gets the application jar through spark-submit or --conf spark.jars (README).
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        return conf;
    }

    /** True in a driver that spark-submit started: it passes Spark's settings to this JVM as system properties. */
    static boolean submitted() {
        return System.getProperty("spark.master") != null;
    }

    /**
     * The data folder on executors: {@value #EXECUTOR_DATA_DIR} when set (a folder of each executor's machine,
     * filled by the data step there), else the driver's, a folder all machines share.
     */
    static String executorDataDir(SparkConf conf, Path driverDataDir) {
        return conf.get(EXECUTOR_DATA_DIR, driverDataDir.toString());
    }

    private synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(configuration(choice.master()));
            context.setLogLevel("WARN");
        }
        return context;
    }

    @Override
    public void run(Source trials, Function<Cohort, Splits> data, Runnable onStep, Finished finished) {
        JavaSparkContext sc = context();
        CohortTask task = new CohortTask(executorDataDir(sc.getConf(), dataDir), quick, "spark " + choice.master());
        // One cohort per task slot: Spark's default parallelism, the cluster's cores once its executors have
        // registered (2 before that), so the slots grow as executors join.
        int slots = Math.max(1, sc.defaultParallelism());
        Semaphore free = new Semaphore(slots);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object finishing = new Object();
        ExecutorService submitters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "spark-cohort");
            t.setDaemon(true);
            return t;
        });
        Thread dispatcher = Thread.currentThread();
        // This call's jobs, cancelled together when one fails; a search trains candidates in several calls at once.
        String group = "repro4j-" + java.util.UUID.randomUUID();
        Thread watchdog = watchdog(sc, group, failure, dispatcher);
        try {
            while (failure.get() == null) {
                int now = sc.defaultParallelism();
                if (now > slots) {
                    free.release(now - slots);
                    slots = now;
                }
                free.acquire();
                Cohort c = trials.next();
                if (c == null) {
                    free.release();
                    break;
                }
                submitters.execute(() -> {
                    try {
                        sc.setJobGroup(group, c.trials().size() + " trial(s)", true);
                        CohortOutcome outcome = sc.parallelize(List.of(c), 1).map(task).collect().get(0);
                        if (outcome.error() != null) {
                            throw new TrainingFailure("a cohort of " + c.trials().size() + " trial(s) failed on executor host "
                                    + outcome.host() + ": " + outcome.error(), null);
                        }
                        double seconds = outcome.seconds() / outcome.results().size();
                        synchronized (finishing) {
                            for (int i = 0; i < outcome.results().size(); i++) {
                                finished.accept(c.trials().get(i), outcome.results().get(i), seconds);
                            }
                        }
                    } catch (Throwable e) {
                        if (failure.compareAndSet(null, e)) {
                            sc.cancelJobGroup(group);
                            dispatcher.interrupt();
                        }
                    } finally {
                        free.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            if (failure.get() == null) {
                watchdog.interrupt();
                submitters.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while trials were training on Spark", e);
            }
        }
        // Every submitted cohort has come back (after a failure its group's jobs were cancelled), as in LocalExecutor.
        free.acquireUninterruptibly(slots);
        watchdog.interrupt();
        try {
            watchdog.join(); // so that it interrupts this thread no more
        } catch (InterruptedException alreadyCleared) {
            // cleared below in any case
        }
        submitters.shutdownNow();
        Thread.interrupted(); // a failure after the last cohort was taken may have interrupted this thread
        TrialExecutor.rethrow(failure.get());
    }

    /**
     * Fails the run, cancelling its jobs, once the cluster has had no executor for {@link #executorWait}:
     * no worker registered, or every one lost. The reason goes to {@code failure} before the cancelled
     * jobs report theirs.
     */
    private Thread watchdog(JavaSparkContext sc, String group, AtomicReference<Throwable> failure, Thread dispatcher) {
        String master = choice.master();
        Thread t = new Thread(() -> {
            long lastSeen = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                // The driver is listed among the executors; with a local master it is the only one, and trains.
                boolean any = master.startsWith("local") || sc.sc().statusTracker().getExecutorInfos().length > 1;
                if (any) {
                    lastSeen = System.nanoTime();
                } else if (System.nanoTime() - lastSeen > executorWait.toNanos()) {
                    if (failure.compareAndSet(null, new ReproException("The Spark cluster at " + master + " had no executor for "
                            + executorWait.toSeconds() + " s, so no trial could train (no worker registered, or every worker"
                            + " was lost). Fix: start a worker for this master (one with enough memory and cores for an"
                            + " executor), or give it longer with REPRO_SPARK_WAIT_SECONDS."))) {
                        sc.cancelJobGroup(group);
                        dispatcher.interrupt();
                    }
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "spark-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The cluster's task slots: Spark's default parallelism, its executors' cores (2 until they have registered). */
    @Override
    public int parallelism() {
        return Math.max(1, context().defaultParallelism());
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }

    /** What a task sends back: the cohort's results and the seconds it trained, or why it failed; and where. */
    record CohortOutcome(List<TrialResult> results, double seconds, String error, String host) implements java.io.Serializable {
    }

    /**
     * The Spark task: trains one cohort in an executor JVM, on splits that JVM loads from {@code dataDir} (the executors'
     * data folder) after the data step has checked or brought the files there.
     */
    record CohortTask(String dataDir, boolean quick, String executor) implements org.apache.spark.api.java.function.Function<Cohort, CohortOutcome> {
        @Override
        public CohortOutcome call(Cohort cohort) {
            String host = host();
            Trial first = cohort.first();
            try {
                ExecutorData.prepare(Path.of(dataDir), first.data().protocol());
                long start = System.nanoTime();
                try (SplitsStore.Lease lease = SplitsStore.shared().acquire(first.data(), Path.of(dataDir), quick,
                        TrialRunner.form(first.training()))) {
                    // A search's candidates never see the test split, here as in the search's own JVM.
                    Splits splits = first.evaluation() == Trial.Evaluation.CANDIDATE ? lease.splits().withoutTest() : lease.splits();
                    String where = TrialExecutors.where(executor);
                    List<TrialResult> results = new ArrayList<>();
                    TrialRunner.run(cohort, splits, () -> {
                    }).forEach(r -> results.add(r.withTrainedOn(where)));
                    return new CohortOutcome(results, (System.nanoTime() - start) / 1e9, null, host);
                }
            } catch (TrainingFailure | ReproException e) {
                return new CohortOutcome(List.of(), 0, e.getMessage(), host);
            }
        }

        private static String host() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "an unknown host";
            }
        }
    }
}
