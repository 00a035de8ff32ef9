package org.repro4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.Protocol;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splits are loaded once, shared while held, kept within the budget, and freed beyond it. */
class SplitsStoreTest {
    private static final Path NO_FILES = Path.of("target/no-data-needed");
    private static final DataSpec ELLIPSE = new DataSpec(Protocol.SYNTHETIC_ELLIPSE, null, null, 1L);
    private static final DataSpec OTHER_ELLIPSE = new DataSpec(Protocol.SYNTHETIC_ELLIPSE, null, null, 2L);
    private static final SplitsStore.Form PIXELS = SplitsStore.Form.PIXEL_SCALE;
    private static final SplitsStore.Form NORMALIZED = SplitsStore.Form.NORMALIZED;

    @Test
    void concurrentHoldersShareOneLoad() {
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease a = store.acquire(ELLIPSE, NO_FILES, true, PIXELS);
             SplitsStore.Lease b = store.acquire(ELLIPSE, NO_FILES, true, PIXELS)) {
            assertSame(a.splits(), b.splits());
            assertEquals(1, store.loaded());
        }
    }

    @Test
    void unheldSplitsStayWithinTheBudgetAndAreFreedBeyondIt() {
        SplitsStore keeps = new SplitsStore(Long.MAX_VALUE);
        Splits first = acquireAndRelease(keeps, ELLIPSE);
        try (SplitsStore.Lease lease = keeps.acquire(ELLIPSE, NO_FILES, true, PIXELS)) {
            assertSame(first, lease.splits(), "kept within the budget, not loaded again");
        }

        SplitsStore frees = new SplitsStore(0);
        Splits freed;
        try (SplitsStore.Lease lease = frees.acquire(ELLIPSE, NO_FILES, true, PIXELS)) {
            freed = lease.splits();
            assertFalse(freed.train().getFeatures().wasClosed(), "held splits are never freed");
        }
        assertTrue(freed.train().getFeatures().wasClosed(), "freed as soon as nobody holds them");
        assertEquals(0, frees.loaded());
        try (SplitsStore.Lease lease = frees.acquire(ELLIPSE, NO_FILES, true, PIXELS)) {
            assertNotSame(freed, lease.splits());
            assertEquals(freed.train().numExamples(), lease.splits().train().numExamples());
        }
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        SplitsStore store = new SplitsStore(Long.MAX_VALUE);
        Splits older;
        try (SplitsStore.Lease a = store.acquire(ELLIPSE, NO_FILES, true, PIXELS);
             SplitsStore.Lease b = store.acquire(OTHER_ELLIPSE, NO_FILES, true, PIXELS)) {
            older = a.splits();
            assertNotSame(a.splits(), b.splits());
        }
        SplitsStore tight = new SplitsStore(older.bytes());
        Splits first = acquireAndRelease(tight, ELLIPSE);
        Splits second = acquireAndRelease(tight, OTHER_ELLIPSE);
        assertTrue(first.train().getFeatures().wasClosed());
        assertFalse(second.train().getFeatures().wasClosed());
        assertEquals(1, tight.loaded());
        store.trim();
        assertEquals(0, store.loaded());
    }

    @Test
    void unheldSplitsOfOtherDataAreFreedBeforeNewDataLoads() {
        SplitsStore store = new SplitsStore(Long.MAX_VALUE);
        Splits unheld = acquireAndRelease(store, ELLIPSE);
        try (SplitsStore.Lease held = store.acquire(ELLIPSE, NO_FILES, true, PIXELS)) {
            assertSame(unheld, held.splits(), "the same data is kept within the budget");
            try (SplitsStore.Lease other = store.acquire(OTHER_ELLIPSE, NO_FILES, true, PIXELS)) {
                assertFalse(unheld.train().getFeatures().wasClosed(), "held splits are never freed");
            }
        }
        try (SplitsStore.Lease again = store.acquire(ELLIPSE, NO_FILES, true, PIXELS)) {
            assertEquals(2, store.loaded(), "both kept within the budget until new data loads");
        }
        try (SplitsStore.Lease other = store.acquire(new DataSpec(Protocol.SYNTHETIC_ELLIPSE, null, null, 3L), NO_FILES, true, PIXELS)) {
            assertTrue(unheld.train().getFeatures().wasClosed(), "freed before the new data was loaded");
            assertEquals(1, store.loaded());
        }
    }

    @Test
    void cifarComesInPixelScaleForAugmentationAndNormalisedOnceForTheRest(@TempDir Path dataDir) throws Exception {
        DataSpec b1 = cifarB1(dataDir);
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease pixels = store.acquire(b1, dataDir, false, PIXELS);
             SplitsStore.Lease normalized = store.acquire(b1, dataDir, false, NORMALIZED)) {
            Splits p = pixels.splits();
            Splits n = normalized.splits();
            assertNotNull(p.normalizer());
            assertNull(n.normalizer(), "nothing left to apply");
            assertEquals(TestFiles.pixel(3, 7) / 255.0, p.train().getFeatures().getDouble(3, 7), 1e-6);
            assertSameInputs(p, n);
            assertEquals(2, store.loaded());
        }
        assertEquals(0, store.loaded());
    }

    @Test
    void theNormalisedFormLoadedAloneHoldsTheSameNumbers(@TempDir Path dataDir) throws Exception {
        DataSpec b1 = cifarB1(dataDir);
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease normalized = store.acquire(b1, dataDir, false, NORMALIZED)) {
            assertEquals(1, store.loaded(), "normalised in place, no pixel-scale copy kept");
            try (SplitsStore.Lease pixels = store.acquire(b1, dataDir, false, PIXELS)) {
                Splits p = pixels.splits();
                Splits n = normalized.splits();
                assertNull(n.normalizer());
                assertTrue(p.train().getFeatures().maxNumber().doubleValue() <= 1, "the pixel-scale form is untouched");
                assertSameInputs(p, n);
            }
        }
    }

    /** A small CIFAR-10 in cifar-b1's files (200 train, 40 val, 30 test records), and its data spec. */
    /** The splits of {@code data} in pixel scale, with the lease closed again: kept or freed as the store decides. */
    private static Splits acquireAndRelease(SplitsStore store, DataSpec data) {
        try (SplitsStore.Lease lease = store.acquire(data, NO_FILES, true, PIXELS)) {
            return lease.splits();
        }
    }

    private static DataSpec cifarB1(Path dataDir) throws Exception {
        Path cifar = dataDir.resolve(DataFiles.CIFAR_DIR);
        TestFiles.writeCifarBatch(cifar.resolve("data_batch_1.bin"), TestFiles.labelsCycling(200));
        TestFiles.writeCifarBatch(cifar.resolve("data_batch_2.bin"), TestFiles.labelsCycling(40));
        TestFiles.writeCifarBatch(cifar.resolve("test_batch.bin"), TestFiles.labelsCycling(30));
        return new DataSpec(Protocol.CIFAR_B1, null, null, null);
    }

    /** Every split of the normalised form holds, bit for bit, the pixel-scale form's rows as the network sees them. */
    private static void assertSameInputs(Splits pixelScale, Splits normalized) {
        for (String split : List.of("train", "val", "test")) {
            assertArrayEquals(pixelScale.inputs(pixelScale.split(split)).getFeatures().toFloatMatrix(),
                    normalized.split(split).getFeatures().toFloatMatrix(), split);
        }
    }

    @Test
    void aProtocolWithoutANormalizerHasOneForm() {
        SplitsStore store = new SplitsStore(0);
        try (SplitsStore.Lease pixels = store.acquire(ELLIPSE, NO_FILES, true, PIXELS);
             SplitsStore.Lease normalized = store.acquire(ELLIPSE, NO_FILES, true, NORMALIZED)) {
            assertSame(pixels.splits(), normalized.splits());
            assertEquals(1, store.loaded());
        }
    }

    @Test
    void aClosedLeaseGivesNoSplits() {
        SplitsStore store = new SplitsStore(0);
        SplitsStore.Lease lease = store.acquire(ELLIPSE, NO_FILES, true, PIXELS);
        lease.close();
        lease.close(); // twice is harmless
        assertThrows(IllegalStateException.class, lease::splits);
    }
}
