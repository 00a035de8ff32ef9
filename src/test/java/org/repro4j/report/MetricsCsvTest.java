package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

class MetricsCsvTest {
    @TempDir
    Path dir;

    @Test
    void roundTripWithCommasQuotesAndMissingValues() throws Exception {
        List<MetricRow> rows = List.of(
                new MetricRow("lambda=0.1,eta=0.001", 42L, 0, 0L, "train", 2.302585, 2.31, 0.1048, 0.001, 0.0),
                new MetricRow("say \"hi\", C:\\tmp", -3L, 40, 18_000L, "val", Double.NaN, Double.NaN, 0.3886,
                        Double.NaN, 1.0E-4),
                new MetricRow("plain", Long.MAX_VALUE, 1, 1L, "test", 1.0 / 3, Double.POSITIVE_INFINITY, 1.0, 0.1,
                        123.456));
        Path csv = dir.resolve("sub").resolve(MetricsCsv.FILE_NAME);
        try (MetricsCsv out = MetricsCsv.create(csv)) {
            rows.forEach(out::row);
        }

        List<String> lines = Files.readAllLines(csv);
        assertEquals("setting,seed,epoch,step,split,loss,cost,accuracy,learning_rate,wall_s", lines.get(0));
        assertEquals("\"lambda=0.1,eta=0.001\",42,0,0,train,2.302585,2.31,0.1048,0.001,0.0", lines.get(1));
        assertEquals("\"say \"\"hi\"\", C:\\tmp\",-3,40,18000,val,,,0.3886,,1.0E-4", lines.get(2));
        assertEquals(rows, MetricsCsv.read(csv), "records compare doubles bit for bit, NaN included");
    }

    @Test
    void rejectsRunNamesWithLineBreaks() {
        assertThrows(IllegalArgumentException.class,
                () -> new MetricRow("a\nb", 1, 1, 1, "train", 0, 0, 0, 0, 0));
    }

    @Test
    void damagedFilesGiveAReproExceptionWithTheLine() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "epoch,loss\n1,2\n");
        ReproException header = assertThrows(ReproException.class, () -> MetricsCsv.read(csv));
        assertTrue(header.getMessage().contains("header"), header.getMessage());

        Files.writeString(csv, MetricsCsv.HEADER + "\nr,1,1,1,train,0.5,0.5,0.5,0.1,1\nr,x,1,1,train,,,,,\n");
        ReproException value = assertThrows(ReproException.class, () -> MetricsCsv.read(csv));
        assertTrue(value.getMessage().contains("line 3"), value.getMessage());

        Files.writeString(csv, MetricsCsv.HEADER + "\nr,1,1\n");
        ReproException fields = assertThrows(ReproException.class, () -> MetricsCsv.read(csv));
        assertTrue(fields.getMessage().contains("line 2") && fields.getMessage().contains("3 fields"),
                fields.getMessage());
    }
}
