package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.train.TrialExecutors;
import picocli.CommandLine.Option;

/**
 * Where trials (or a search's candidates) train: {@code --executor} and {@code --master} (a picocli mixin). The help
 * texts are the study's; a command that says more gives its own under the keys {@code executor} and {@code master} of
 * its resource bundle.
 */
final class ExecutorOptions {
    /** The system property in which spark-submit hands the driver its master URL. */
    static final String SUBMITTED_MASTER = "spark.master";

    @Option(names = "--executor", paramLabel = "KIND", defaultValue = TrialExecutors.LOCAL, descriptionKey = "executor",
            description = {"Where trials train: local (the default) or spark (a Spark cluster, --master; the Spark build,"
                    + " make EXECUTOR=spark)"})
    String executor;

    @Option(names = "--master", paramLabel = "URL", descriptionKey = "master",
            description = "The Spark master for --executor spark (make MASTER=URL)")
    String master;

    /**
     * The executor these options name; a master is needed for a cluster's (--master, or spark-submit's) and refused for
     * the local one.
     */
    TrialExecutors.Choice choice() {
        String kind = executor;
        String master = this.master;
        if (TrialExecutors.LOCAL.equals(kind)) {
            if (master != null) {
                throw new ReproException("--master " + master + " is for a cluster executor; the local executor trains on this"
                        + " machine. Fix: add --executor spark, or drop --master.");
            }
            return TrialExecutors.Choice.LOCAL;
        }
        if (master == null || master.isBlank()) {
            // spark-submit gives the driver its --master as this property, then calls 'repro' without one.
            master = System.getProperty(SUBMITTED_MASTER);
        }
        if (master == null || master.isBlank()) {
            throw new ReproException("--executor " + kind + " needs --master URL (make MASTER=URL), e.g. spark://127.0.0.1:7077"
                    + " for a standalone cluster or local[2] for two cores of this JVM, or spark-submit of the application jar.");
        }
        return new TrialExecutors.Choice(kind, master);
    }
}
