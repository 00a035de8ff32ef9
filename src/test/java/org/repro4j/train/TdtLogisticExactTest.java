package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;
import org.repro4j.report.Summary;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full tdt-t2-logistic run (about a thousand steps, so seconds): zero init, no shuffling and the
 * course's validation schedule and stopping rule make it deterministic, and it must give the
 * report's printed output digit for digit.
 */
class TdtLogisticExactTest {
    @TempDir
    Path results;

    @Test
    void stopsAtTheReportsEpochWithTheReportsLossesAndAccuracies() throws Exception {
        RunOptions full = new RunOptions(Path.of("experiments"), TestData.requireMnist(), results, false, null,
                new PrintStream(OutputStream.nullOutputStream()));
        Path out = ExperimentRunner.run("tdt-t2-logistic", full);
        Summary s = Summary.read(out.resolve("summary.json"));

        assertEquals(33, s.measures().get("stop_epoch").measured());
        assertEquals(1, s.measures().get("stopped_early").measured());
        // The report's output: 0.07088705555893647, 0.06577187753329566, 0.9757802746566792, 0.9794319294809011.
        assertEquals(0.07088705555893647, s.measures().get("train_loss").measured(), 1e-12);
        assertEquals(0.06577187753329566, s.measures().get("val_loss").measured(), 1e-12);
        // The accuracies as the report prints them (Python's shortest repr, so the exact doubles),
        // and as counts: 3908 of the 4005 training and 2000 of the 2042 validation images right.
        assertEquals(0.9757802746566792, s.measures().get("train_acc").measured(), 1e-16);
        assertEquals(0.9794319294809011, s.measures().get("val_acc").measured(), 1e-16);
        assertEquals(3908.0 / 4005, s.measures().get("train_acc").measured(), 1e-15);
        assertEquals(2000.0 / 2042, s.measures().get("val_acc").measured(), 1e-15);
        assertTrue(Files.size(out.resolve("curves.png")) > 0);
    }
}
