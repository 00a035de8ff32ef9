package org.repro4j.train;

import java.io.IOException;

/** What a spec's {@code kind} does: trains and measures, or checks gradients, into a context. */
interface ExperimentKind {
    void run(ExperimentContext ctx) throws IOException;

    static ExperimentKind forName(String kind) {
        return switch (kind) {
            case "train" -> new TrainExperiment();
            case "gradcheck" -> new GradCheckExperiment();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }
}
