package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.repro4j.spec.ReferenceSpec;

/** What the seed study's summary says its compute was, when one command or several wrote the studies. */
class StudyPagesTest {
    private static final String MACHINE = "a CPU, 2 cores";
    private static final String FULL = "2026-12-05T10:00:00Z";
    private static final String RERUN = "2026-12-06T09:30:00Z";

    private static StudyResult study(String id, double work, Integer trained, Integer fromStore, double wall, String date) {
        Claim c = Claim.judge("test_acc", new ReferenceSpec.Value(0.5, null, null, 2), List.of(0.49, 0.5, 0.51));
        return new StudyResult(id, "T " + id, "demo-a1", List.of(1L, 2L, 3L), null, List.of("initial weights"), work, trained,
                fromStore, MACHINE, wall, "spec", "code", date, List.of(c));
    }

    @Test
    void oneCommandThatTrainedEverythingGivesTheWholeStudysWallTime() {
        List<StudyResult> studies = List.of(study("exp-a", 300, 60, 0, 1156.4, FULL), study("exp-b", 200, 30, 0, 1156.4, FULL));
        assertEquals("Compute: a CPU, 2 cores; the whole study took 1156 s of wall time (2026-12-05).", StudyPages.compute(studies));
        String md = StudyPages.pageSummary(studies, "");
        assertTrue(md.contains("\nCompute: a CPU, 2 cores; the whole study took 1156 s of wall time (2026-12-05). Every"
                + " experiment's deviations from its report are listed on its results page (linked above).\n\n"), md);
        assertTrue(md.contains("| 3 seeds; the seeds vary initial weights; 300 s of training |"), md);
    }

    @Test
    void studiesWrittenBeforeTheTrialCountsWereRecordedReadAsBefore() {
        List<StudyResult> studies = List.of(study("exp-a", 300, null, null, 1156.4, FULL),
                study("exp-b", 200, null, null, 1156.4, FULL));
        assertEquals("Compute: a CPU, 2 cores; the whole study took 1156 s of wall time (2026-12-05).", StudyPages.compute(studies));
        assertEquals("3 seeds; the seeds vary initial weights; 300 s of training", StudyPages.studyLine(studies.get(0)));
    }

    @Test
    void aRerunOfOneExperimentIsNotTakenForTheWholeStudy() {
        // repro study exp-b after a full study: exp-b's 30 trials, 20 of them from the trial store; exp-a from the full study.
        List<StudyResult> studies = List.of(study("exp-a", 300, 60, 0, 1156.4, FULL), study("exp-b", 40, 10, 20, 52.0, RERUN));
        String compute = StudyPages.compute(studies);
        assertEquals("Compute: a CPU, 2 cores; the studies were written by 2 commands, whose wall times cover only the studies"
                + " each wrote: exp-a on 2026-12-05, 1156 s of wall time; exp-b on 2026-12-06, 52 s of wall time; 20 of its 30"
                + " trials were taken from the trial store, trained by earlier commands whose time this leaves out.", compute);
        assertFalse(compute.contains("whole study"), compute);
        assertEquals("3 seeds; the seeds vary initial weights; 40 s of training, 20 of 30 trials taken from the trial store"
                + " (trained before, not counted)", StudyPages.studyLine(studies.get(1)));
        String md = StudyPages.pageSummary(studies, "");
        assertTrue(md.contains("\nCompute: a CPU, 2 cores; the studies were written by 2 commands"), md);
    }

    @Test
    void aCommandOfManyStudiesIsCountedAndEachCommandNamesItsMachineWhereTheyDiffer() {
        List<StudyResult> studies = List.of(study("exp-a", 1, 3, 0, 900, FULL), study("exp-b", 1, 3, 0, 900, FULL),
                study("exp-c", 1, 3, 0, 900, FULL), study("exp-d", 1, 3, 0, 900, FULL),
                new StudyResult("exp-e", "T", "demo-a1", List.of(1L, 2L), null, List.of("initial weights"), 5, 0, 2,
                        "another CPU, 16 cores", 7, "spec", "code", RERUN, List.of()));
        assertEquals("Compute: the studies were written by 2 commands, whose wall times cover only the studies each wrote:"
                + " 4 experiments on 2026-12-05 (a CPU, 2 cores), 900 s of wall time; exp-e on 2026-12-06 (another CPU, 16 cores),"
                + " 7 s of wall time; 2 of its 2 trials were taken from the trial store, trained by earlier commands whose time"
                + " this leaves out.", StudyPages.compute(studies));
    }

    @Test
    void aStudyJsonWithoutTheTrialCountsStillReads() throws Exception {
        StudyResult s = study("exp-a", 300, 60, 0, 1156.4, FULL);
        String json = Json.PRETTY.writeValueAsString(s).replaceAll("\\s*\"trials(Trained|FromStore)\" : \\d+,", "");
        assertFalse(json.contains("trialsTrained"), json);
        StudyResult old = Json.MAPPER.readValue(json, StudyResult.class);
        assertEquals(null, old.trialsTrained());
        assertEquals(null, old.trialsFromStore());
        assertEquals(1156.4, old.studyWallSeconds());
    }
}
