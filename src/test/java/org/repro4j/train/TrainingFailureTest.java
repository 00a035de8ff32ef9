package org.repro4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which errors a search counts as a failed training (DL4J/ND4J's) and which as a bug of ours. */
class TrainingFailureTest {
    @Test
    void anNd4jOpRefusingItsInputIsALibraryFailure() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Nd4j.create(DataType.FLOAT, 2, 3).mmul(Nd4j.create(DataType.FLOAT, 2, 3)));
        assertTrue(TrainingFailure.fromLibrary(e), e.toString());
    }

    @Test
    void anErrorThrownInOurOwnCodeIsNot() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ownCode(null));
        assertFalse(TrainingFailure.fromLibrary(e), "thrown in " + e.getStackTrace()[0]);
    }

    @Test
    void jdkFramesOnTopAreSkippedToFindWhoCalledThem() {
        // Integer.parseInt throws inside java.lang; the first frame outside the JDK is this test.
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Integer.parseInt("x"));
        assertFalse(TrainingFailure.fromLibrary(e));
    }

    @Test
    void runningOutOfMemoryIsAFailedTrainingNotABug() {
        assertTrue(TrainingFailure.fromLibrary(new OutOfMemoryError("Physical memory usage is too high")));
    }

    private static int ownCode(String s) {
        return s.length();
    }
}
