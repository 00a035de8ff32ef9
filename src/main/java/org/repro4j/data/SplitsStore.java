package org.repro4j.data;

import org.repro4j.spec.DataSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The splits of every data spec, loaded once per JVM and shared read-only by every trial, experiment
 * and search that trains on them.
 *
 * <p>Users {@link #acquire} a {@link Lease} on the form they need and close it when done. Splits nobody holds stay loaded
 * while they fit in {@link #retainedBytes} (so the next experiment on the same protocol does not read
 * and normalise the files again) and until other data is loaded; beyond that the least recently used
 * are released at once, their native memory freed explicitly. Why explicitly: ND4J frees an array's memory only when the garbage
 * collector collects its Java object, and with so little on the Java heap that can take many
 * experiments, during which each one's dead copy of CIFAR-10 stayed resident (bench/NOTES.md, memory).
 */
public final class SplitsStore {
    /** Bytes of unheld splits kept loaded: MNIST (about 0.2 GB) is kept, a CIFAR-10 protocol (0.2-0.74 GB per form) may not be. */
    public static final long DEFAULT_RETAINED_BYTES = 512L << 20;

    private static final SplitsStore SHARED = new SplitsStore(DEFAULT_RETAINED_BYTES);

    private final long retainedBytes;
    /** In least recently used order. */
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** A store of its own, keeping at most {@code retainedBytes} of splits nobody holds (tests; {@link #shared()} otherwise). */
    public SplitsStore(long retainedBytes) {
        this.retainedBytes = retainedBytes;
    }

    /** The store of this JVM. */
    public static SplitsStore shared() {
        return SHARED;
    }

    /** Which of the two forms of {@link Splits} a user needs. */
    public enum Form {
        /** In pixel scale with the normalizer still to apply: what augmentations act on ({@link Splits#load}). */
        PIXEL_SCALE,
        /** As the network sees them, normalised once ({@link Splits#normalized()}). */
        NORMALIZED
    }

    /**
     * The splits a data spec names (see {@link Splits#load}) in the given form, loaded now or
     * earlier. Loading happens under the store's lock, so concurrent trials wanting the same data
     * load it once. Protocols without a normalizer have one form.
     */
    public synchronized Lease acquire(DataSpec data, Path dataDir, boolean quick, Form form) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Form stored = Protocols.zScored(data.protocol()) ? form : Form.PIXEL_SCALE;
        Key key = new Key(data, dir, quick, stored);
        Entry entry = entries.get(key);
        if (entry == null) {
            // Unheld splits of other data go first: loading beside them set a full run's peak memory.
            evictOtherThan(data, dir, quick);
            Splits splits;
            Entry pixelScale = entries.get(new Key(data, dir, quick, Form.PIXEL_SCALE));
            if (stored == Form.NORMALIZED && pixelScale != null) {
                // A copy, normalised: the pixel-scale form is loaded already, and may be in use.
                splits = pixelScale.splits.normalized();
            } else if (stored == Form.NORMALIZED) {
                // Loaded and normalised in place: two copies of a protocol at once were the peak of a full run.
                splits = Splits.load(data, dataDir, quick).normalizeInPlace();
            } else {
                splits = Splits.load(data, dataDir, quick);
            }
            entry = new Entry(splits);
            entries.put(key, entry);
        }
        entry.holders++;
        return new Lease(this, entry);
    }

    /** Releases every unheld splits now (tests; the end of a long command). */
    public synchronized void trim() {
        evict(0);
    }

    /** Splits currently loaded, held or not. */
    synchronized int loaded() {
        return entries.size();
    }

    private synchronized void release(Entry entry) {
        entry.holders--;
        evict(retainedBytes);
    }

    private void evictOtherThan(DataSpec data, Path dir, boolean quick) {
        List<Key> gone = new ArrayList<>();
        entries.forEach((key, e) -> {
            boolean same = key.data().equals(data) && key.dataDir().equals(dir) && key.quick() == quick;
            if (e.holders == 0 && !same) {
                e.splits.release();
                gone.add(key);
            }
        });
        gone.forEach(entries::remove);
    }

    private void evict(long budget) {
        long unheld = 0;
        for (Entry e : entries.values()) {
            unheld += e.holders == 0 ? e.bytes : 0;
        }
        List<Key> gone = new ArrayList<>();
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            if (unheld <= budget) {
                break;
            }
            if (e.getValue().holders == 0) {
                unheld -= e.getValue().bytes;
                e.getValue().splits.release();
                gone.add(e.getKey());
            }
        }
        gone.forEach(entries::remove);
    }

    private record Key(DataSpec data, Path dataDir, boolean quick, Form form) {
    }

    private static final class Entry {
        final Splits splits;
        final long bytes;
        int holders;

        Entry(Splits splits) {
            this.splits = splits;
            this.bytes = splits.bytes();
        }
    }

    /** A hold on loaded splits; they stay valid until it is closed. */
    public static final class Lease implements AutoCloseable {
        private final SplitsStore store;
        private final Entry entry;
        private boolean closed;

        private Lease(SplitsStore store, Entry entry) {
            this.store = store;
            this.entry = entry;
        }

        public Splits splits() {
            if (closed) {
                throw new IllegalStateException("this lease on the splits was closed");
            }
            return entry.splits;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                store.release(entry);
            }
        }
    }
}
