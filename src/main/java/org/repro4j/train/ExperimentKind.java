package org.repro4j.train;

import java.io.IOException;

/** What a spec's {@code kind} does: trains and measures, checks gradients, or computes given derivatives, into a context. */
interface ExperimentKind {
    void run(ExperimentContext ctx) throws IOException;

    static ExperimentKind forName(String kind) {
        return switch (kind) {
            case "train" -> new TrainExperiment();
            case "gradcheck" -> new GradCheckExperiment();
            case "derivatives" -> new DerivativesExperiment();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }
}
