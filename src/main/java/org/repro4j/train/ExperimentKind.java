package org.repro4j.train;

import org.repro4j.spec.Kind;
import org.repro4j.spec.ResolvedExperiment;

import java.io.IOException;
import java.util.Set;

/** What a spec's {@code kind} does: trains and measures, checks gradients, or computes given derivatives, into a context. */
interface ExperimentKind {
    void run(ExperimentContext ctx) throws IOException;

    /**
     * The names of the measures a run of this experiment will produce, known before it runs (so a
     * reference to a measure it never produces is refused before any training), or null when they
     * are only known after.
     */
    Set<String> measures(ResolvedExperiment experiment);

    static ExperimentKind of(Kind kind) {
        return switch (kind) {
            case TRAIN -> new TrainExperiment();
            case GRADCHECK -> new GradCheckExperiment();
            case DERIVATIVES -> new DerivativesExperiment();
        };
    }
}
