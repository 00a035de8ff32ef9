package org.repro4j.data;

import org.junit.jupiter.api.Test;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.Protocol;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splits are loaded once, shared while held, kept within the budget, and freed beyond it. */
class SplitsStoreTest {
    private static final Path NO_FILES = Path.of("target/no-data-needed");
    private static final DataSpec ELLIPSE = new DataSpec(Protocol.SYNTHETIC_ELLIPSE, null, null, 1L);
    private static final DataSpec OTHER_ELLIPSE = new DataSpec(Protocol.SYNTHETIC_ELLIPSE, null, null, 2L);

    @Test
    void concurrentHoldersShareOneLoad() {
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease a = store.acquire(ELLIPSE, NO_FILES, true);
             SplitsStore.Lease b = store.acquire(ELLIPSE, NO_FILES, true)) {
            assertSame(a.splits(), b.splits());
            assertEquals(1, store.loaded());
        }
    }

    @Test
    void unheldSplitsStayWithinTheBudgetAndAreFreedBeyondIt() {
        SplitsStore keeps = new SplitsStore(Long.MAX_VALUE);
        Splits first;
        try (SplitsStore.Lease lease = keeps.acquire(ELLIPSE, NO_FILES, true)) {
            first = lease.splits();
        }
        try (SplitsStore.Lease lease = keeps.acquire(ELLIPSE, NO_FILES, true)) {
            assertSame(first, lease.splits(), "kept within the budget, not loaded again");
        }

        SplitsStore frees = new SplitsStore(0);
        Splits freed;
        try (SplitsStore.Lease lease = frees.acquire(ELLIPSE, NO_FILES, true)) {
            freed = lease.splits();
            assertFalse(freed.train().getFeatures().wasClosed(), "held splits are never freed");
        }
        assertTrue(freed.train().getFeatures().wasClosed(), "freed as soon as nobody holds them");
        assertEquals(0, frees.loaded());
        try (SplitsStore.Lease lease = frees.acquire(ELLIPSE, NO_FILES, true)) {
            assertNotSame(freed, lease.splits());
            assertEquals(freed.train().numExamples(), lease.splits().train().numExamples());
        }
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        SplitsStore store = new SplitsStore(Long.MAX_VALUE);
        Splits older;
        try (SplitsStore.Lease a = store.acquire(ELLIPSE, NO_FILES, true);
             SplitsStore.Lease b = store.acquire(OTHER_ELLIPSE, NO_FILES, true)) {
            older = a.splits();
            assertNotSame(a.splits(), b.splits());
        }
        SplitsStore tight = new SplitsStore(older.bytes());
        Splits first;
        Splits second;
        try (SplitsStore.Lease a = tight.acquire(ELLIPSE, NO_FILES, true)) {
            first = a.splits();
        }
        try (SplitsStore.Lease b = tight.acquire(OTHER_ELLIPSE, NO_FILES, true)) {
            second = b.splits();
        }
        assertTrue(first.train().getFeatures().wasClosed());
        assertFalse(second.train().getFeatures().wasClosed());
        assertEquals(1, tight.loaded());
        store.trim();
        assertEquals(0, store.loaded());
    }

    @Test
    void aClosedLeaseGivesNoSplits() {
        SplitsStore store = new SplitsStore(0);
        SplitsStore.Lease lease = store.acquire(ELLIPSE, NO_FILES, true);
        lease.close();
        lease.close(); // twice is harmless
        assertThrows(IllegalStateException.class, lease::splits);
    }
}
