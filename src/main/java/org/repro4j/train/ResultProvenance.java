package org.repro4j.train;

import org.repro4j.backend.Nd4jInfo;
import org.repro4j.data.Protocols;
import org.repro4j.report.Provenance;
import org.repro4j.spec.ResolvedExperiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provenance of a result made in this JVM: {@code report}'s record, with ND4J's facts from {@code backend}. */
public final class ResultProvenance {
    private ResultProvenance() {
    }

    /** Loads the ND4J backend if it is not loaded yet. @param recipe null where none applies (a benchmark) */
    public static Provenance capture(String specSha256, List<Long> seeds, double wallSeconds, Provenance.Recipe recipe) {
        Nd4jInfo nd4j = Nd4jInfo.capture();
        return Provenance.capture(specSha256, seeds, wallSeconds, nd4j.backend(), nd4j.blasVendor(), nd4j.environment(), recipe);
    }

    /** The recipe of an experiment's run: this JVM's code, the mode, the data its settings read and its trials. */
    static Provenance.Recipe recipe(ResolvedExperiment experiment, boolean quick, Map<String, String> trials) {
        return recipe(experiment, quick, trials, null);
    }

    /** @param trainedOn where each of the trials trained, by their names in {@code trials} */
    static Provenance.Recipe recipe(ResolvedExperiment experiment, boolean quick, Map<String, String> trials,
                                    Map<String, String> trainedOn) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ResolvedExperiment.Setting s : experiment.settings()) {
            if (s.spec().data() != null) {
                files.putAll(Protocols.files(s.spec().data().protocol()));
            }
        }
        return new Provenance.Recipe(CodeHash.current(), quick ? "quick" : "full", files, trials, trainedOn);
    }
}
