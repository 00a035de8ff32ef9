package org.repro4j.train;

import org.repro4j.backend.Nd4jInfo;
import org.repro4j.report.Provenance;

import java.util.List;

/** The provenance of a result made in this JVM: {@code report}'s record, with ND4J's facts from {@code backend}. */
public final class ResultProvenance {
    private ResultProvenance() {
    }

    /** Loads the ND4J backend if it is not loaded yet. */
    public static Provenance capture(String specSha256, List<Long> seeds, double wallSeconds) {
        Nd4jInfo nd4j = Nd4jInfo.capture();
        return Provenance.capture(specSha256, seeds, wallSeconds, nd4j.backend(), nd4j.blasVendor(), nd4j.environment());
    }
}
