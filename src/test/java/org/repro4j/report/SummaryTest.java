package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

class SummaryTest {
    @TempDir
    Path dir;

    static Provenance provenance() {
        return new Provenance("ab".repeat(32), List.of(1L, 2L, 3L), "org.nd4j.linalg.cpu.nativecpu.CpuBackend",
                "OPENBLAS", Map.of("cores", "2", "blas.threads", "1", "omp.threads", "1"), "SkylakeX", null,
                "1.0.0-M2.1", "17.0.15", "Debian", "Linux 6.1", "amd64", "AMD EPYC", 2, "0123456789abcdef0123456789abcdef01234567",
                true, 123.45, "2025-01-02T03:04:05Z", List.of("-Xmx3g"),
                new Provenance.Recipe("cd".repeat(32), "full", Map.of("cifar-10-batches-bin/test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d"),
                        Map.of("lambda=0,eta=0.1, seed 1", "ef".repeat(32))));
    }

    static Summary sample() {
        Summary s = new Summary("dd2424-abadi-t1", "Four settings of a softmax classifier", "dd2424-a1-abadi.txt",
                "Table 1");
        s.measure("test_acc.lambda=0.1,eta=0.001", 0.4102, 0.0031, 5, 0.41, new double[] {0.40, 0.42}, null);
        s.measure("test_acc.lambda=0,eta=0.001", 0.41, null, 1, 0.32, new double[] {0.26, 0.30},
                "the report's value is low");
        s.measure("test_loss.lambda=0,eta=0.1", 5.123456, null, 1, null, null, null);
        s.headline("test_acc.lambda=0.1,eta=0.001");
        s.deviation("We use 5 seeds; the report used one.");
        s.provenance(provenance());
        return s;
    }

    @Test
    void roundTripKeepsValuesNullsAndOrder() {
        Path file = dir.resolve(Summary.FILE_NAME);
        Summary written = sample();
        written.write(file);
        Summary read = Summary.read(file);

        assertEquals("dd2424-abadi-t1", read.id());
        assertEquals("Four settings of a softmax classifier", read.title());
        assertEquals("dd2424-a1-abadi.txt", read.report());
        assertEquals("Table 1", read.reproduces());
        assertEquals(List.copyOf(written.measures().keySet()), List.copyOf(read.measures().keySet()));
        assertEquals(written.measures(), read.measures());
        Measure loss = read.measures().get("test_loss.lambda=0,eta=0.1");
        assertNull(loss.std());
        assertNull(loss.reference());
        assertNull(loss.band());
        assertNull(loss.note());
        assertEquals("test_acc.lambda=0.1,eta=0.001", read.headline());
        assertEquals(List.of("We use 5 seeds; the report used one."), read.deviations());
        assertEquals(written.provenance(), read.provenance());
    }

    @Test
    void withinFollowsTheBand() {
        Summary s = sample();
        assertEquals(Boolean.TRUE, s.measures().get("test_acc.lambda=0.1,eta=0.001").within());
        assertEquals(Boolean.FALSE, s.measures().get("test_acc.lambda=0,eta=0.001").within());
        assertNull(s.measures().get("test_loss.lambda=0,eta=0.1").within());
        s.measure("edge", 0.42, null, 1, null, new double[] {0.40, 0.42}, null);
        assertTrue(s.measures().get("edge").within(), "bounds are inside");
        s.measure("diverged", Double.NaN, null, 1, null, new double[] {0.40, 0.42}, null);
        assertFalse(s.measures().get("diverged").within(), "NaN is never inside");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Path file = dir.resolve(Summary.FILE_NAME);
        sample().write(file);
        String json = Files.readString(file);
        String[] keys = {"\"id\"", "\"title\"", "\"report\"", "\"reproduces\"", "\"measures\"", "\"headline\"",
            "\"deviations\"", "\"provenance\""};
        for (int i = 1; i < keys.length; i++) {
            assertTrue(json.indexOf(keys[i - 1]) < json.indexOf(keys[i]), keys[i - 1] + " before " + keys[i]);
        }
        assertTrue(json.contains("\"band\" : [ 0.26, 0.3 ]"), json);
        assertTrue(json.contains("\"within\" : false"), json);
        assertTrue(json.contains("\"std\" : null"), json);
        assertTrue(json.contains("\n  \"measures\" : {"), "pretty-printed: " + json);
        // "within" in a file is ignored on read: it is always recomputed from measured and band.
        Files.writeString(file, json.replace("\"within\" : false", "\"within\" : true"));
        assertEquals(Boolean.FALSE, Summary.read(file).measures().get("test_acc.lambda=0,eta=0.001").within());
    }

    @Test
    void nanSurvivesTheRoundTrip() {
        Path file = dir.resolve(Summary.FILE_NAME);
        Summary s = new Summary("x", "t", "r.txt", "Figure 2");
        s.measure("test_loss", Double.NaN, null, 1, null, null, null);
        s.write(file);
        assertTrue(Double.isNaN(Summary.read(file).measures().get("test_loss").measured()));
    }

    @Test
    void rejectsMistakes() {
        Summary s = sample();
        assertThrows(IllegalArgumentException.class,
                () -> s.measure("test_loss.lambda=0,eta=0.1", 1, null, 1, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> s.measure("b", 1, null, 1, null, new double[] {2, 1}, null));
        assertThrows(IllegalArgumentException.class, () -> s.measure("c", 1, null, 0, null, null, null));
        s.headline("no-such-measure");
        assertThrows(IllegalStateException.class, () -> s.write(dir.resolve("s.json")));
    }

    @Test
    void damagedOrMissingFileGivesAReproExceptionNamingIt() throws Exception {
        Path file = dir.resolve(Summary.FILE_NAME);
        Files.writeString(file, "{ \"id\": \"x\", ");
        ReproException damaged = assertThrows(ReproException.class, () -> Summary.read(file));
        assertTrue(damaged.getMessage().contains(file.toString()), damaged.getMessage());
        Files.writeString(file, "{ \"title\": \"no id\" }");
        assertThrows(ReproException.class, () -> Summary.read(file));
        ReproException missing = assertThrows(ReproException.class, () -> Summary.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
    }

    @Test
    void bandArrayIsCheckedAndCopied() {
        Measure.Band band = Measure.Band.of(new double[] {0.1, 0.2});
        assertArrayEquals(new double[] {0.1, 0.2}, new double[] {band.lo(), band.hi()});
        assertNull(Measure.Band.of(null));
        assertThrows(IllegalArgumentException.class, () -> Measure.Band.of(new double[] {0.1}));
    }
}
