package org.repro4j.train;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.repro4j.ReproException;

/**
 * Which {@link TrialExecutor} trains a run's trials: the {@link LocalExecutor} on this machine's cores
 * (the default), or one that a build adds through a {@link Provider} (the Spark build's cluster
 * executor, {@code make EXECUTOR=spark}), found with {@link ServiceLoader} so that this package, and
 * the default build, never depend on it.
 */
public final class TrialExecutors {
    /** The executor of every build. */
    public static final String LOCAL = "local";

    private TrialExecutors() {
    }

    /**
     * An executor kind and, for a cluster, its master URL.
     *
     * @param kind   {@link #LOCAL}, or the kind a {@link Provider} serves (e.g. {@code spark})
     * @param master where the cluster's executor finds its workers, e.g. {@code spark://host:7077}; null for local
     */
    public record Choice(String kind, String master) implements Serializable {
        public static final Choice LOCAL = new Choice(TrialExecutors.LOCAL, null);

        public Choice {
            if (kind == null || kind.isBlank()) {
                throw new IllegalArgumentException("an executor kind is needed, e.g. " + TrialExecutors.LOCAL);
            }
        }

        public boolean local() {
            return TrialExecutors.LOCAL.equals(kind);
        }
    }

    /** Makes the executors of one kind; listed in {@code META-INF/services} of the build that has them. */
    public interface Provider {
        /** The kind, as {@code --executor} names it. */
        String kind();

        /**
         * An executor for {@code choice.master()}, whose trials read the data under {@code dataDir} (QUICK
         * subsets with {@code quick}); the caller closes it.
         */
        TrialExecutor create(Choice choice, Path dataDir, boolean quick);
    }

    /**
     * How a result records where it trained ({@link TrialResult#trainedOn}): the executor ({@code local}, or the
     * kind and master), then the host and its cores, e.g. {@code "local, vm (2 cores)"}.
     */
    public static String where(String executor) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "an unknown host";
        }
        return executor + ", " + host + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    /** The executor a run's options choose. */
    static TrialExecutor create(RunOptions options) {
        return create(options.executor(), options.dataDir(), options.quick(), options.jobs());
    }

    /**
     * The executor of that choice, ready to train: a {@link LocalExecutor} of {@code jobs} workers, or a
     * provider's, whose trials read the data under {@code dataDir} themselves.
     */
    public static TrialExecutor create(Choice choice, Path dataDir, boolean quick, int jobs) {
        if (choice.local()) {
            return new LocalExecutor(jobs);
        }
        List<Provider> providers = StreamSupport.stream(ServiceLoader.load(Provider.class).spliterator(), false).toList();
        for (Provider p : providers) {
            if (p.kind().equals(choice.kind())) {
                return p.create(choice, dataDir, quick);
            }
        }
        String known = providers.stream().map(Provider::kind).collect(Collectors.joining(", "));
        throw new ReproException("No executor '" + choice.kind() + "' in this build (it has " + LOCAL
                + (known.isEmpty() ? "" : ", " + known) + "). "
                + ("spark".equals(choice.kind())
                        ? "Fix: build the Spark executor with 'make build EXECUTOR=spark' (it adds Apache Spark, about 180 MB"
                        + " of jars) and run through make with EXECUTOR=spark MASTER=URL, or bin/repro with --executor spark."
                        : "Fix: use --executor " + LOCAL + known.lines().map(k -> " or " + k).collect(Collectors.joining()) + "."));
    }
}
