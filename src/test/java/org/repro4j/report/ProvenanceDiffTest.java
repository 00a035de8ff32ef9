package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provenance differences leaf by leaf, without what changes on every run. */
class ProvenanceDiffTest {
    private static Provenance with(String coretype, double wall, String date, String trialHash) {
        Provenance p = SummaryTest.provenance();
        return new Provenance(p.specSha256(), p.seeds(), p.backend(), p.blasVendor(), p.nd4jEnvironment(), coretype,
                p.ompNumThreads(), p.dl4jVersion(), p.javaVersion(), p.javaVendor(), p.os(), p.arch(), p.cpuModel(),
                p.cpuCores(), p.gitCommit(), p.gitDirty(), wall, date, p.jvmOptions(),
                new Provenance.Recipe(p.recipe().codeSha256(), p.recipe().mode(), p.recipe().dataFiles(),
                        Map.of("lambda=0,eta=0.1, seed 1", trialHash)));
    }

    @Test
    void anIdenticalRerunDiffersOnlyInDateAndWallTimeWhichAreLeftOut() {
        assertEquals(List.of(), ProvenanceDiff.of(with("SkylakeX", 12.0, "2026-01-01T00:00:00Z", "ab"),
                with("SkylakeX", 14.5, "2026-12-02T10:00:00Z", "ab")));
    }

    @Test
    void eachDifferingLeafIsOneLine() {
        assertEquals(List.of("openblasCoretype: SkylakeX -> Haswell", "recipe.trials.lambda=0,eta=0.1, seed 1: ab -> cd"),
                ProvenanceDiff.of(with("SkylakeX", 1, "d", "ab"), with("Haswell", 1, "d", "cd")));
        assertEquals(List.of("openblasCoretype: SkylakeX -> (absent)"),
                ProvenanceDiff.of(with("SkylakeX", 1, "d", "ab"), with(null, 1, "d", "ab")));
    }
}
