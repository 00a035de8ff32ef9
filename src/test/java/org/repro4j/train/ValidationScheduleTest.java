package org.repro4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.repro4j.ReproException;

class ValidationScheduleTest {

    @Test
    void intervalIsIntegerDivisionOfFullBatchesByChecks() {
        ValidationSchedule schedule = new ValidationSchedule(20_000, 128, 5);
        assertEquals(156, schedule.batchesPerEpoch());
        assertEquals(31, schedule.interval());
        assertEquals(1, new ValidationSchedule(1_000, 128, 5).interval()); // 7 full batches
    }

    @Test
    void validatesAfterStepZeroAndEveryIntervalAcrossEpochBoundaries() {
        ValidationSchedule course = new ValidationSchedule(20_000, 128, 5); // 156 batches, interval 31
        List<Long> checks = new ArrayList<>();
        for (long step = 0; step < 2 * course.batchesPerEpoch(); step++) {
            if (course.isValidationStep(step)) {
                checks.add(step);
            }
        }
        // Epoch 0 checks at 0, 31, ..., 155; epoch 1 (steps 156..311) continues at 186, not 156.
        assertEquals(List.of(0L, 31L, 62L, 93L, 124L, 155L, 186L, 217L, 248L, 279L, 310L), checks);
    }

    @Test
    void anEmptyIntervalIsAUserError() {
        ReproException e = assertThrows(ReproException.class, () -> new ValidationSchedule(500, 128, 5));
        assertTrue(e.getMessage().contains("= 0"), e.getMessage());
        assertThrows(ReproException.class, () -> new ValidationSchedule(500, 0, 5));
    }
}
