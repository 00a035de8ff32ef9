package org.repro4j.report;

import au.com.bytecode.opencsv.CSVReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.repro4j.ReproException;

/**
 * Writes and reads {@code metrics.csv}, one {@link MetricRow} per line (RFC 4180: fields with a
 * comma or quote are quoted, quotes doubled). Not-measured values are empty fields; doubles are
 * written with {@link Double#toString}, so reading gives back exactly what was written.
 */
public final class MetricsCsv implements AutoCloseable {
    /** The file name inside an experiment's results folder. */
    public static final String FILE_NAME = "metrics.csv";
    public static final String HEADER = "setting,seed,epoch,step,split,loss,cost,accuracy,learning_rate,wall_s";

    private static final int COLUMNS = HEADER.split(",").length;

    private final Path file;
    private final BufferedWriter out;

    private MetricsCsv(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Creates (or truncates) the file and writes the header. */
    public static MetricsCsv create(Path csv) {
        try {
            Path parent = csv.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
            return new MetricsCsv(csv, out);
        } catch (IOException e) {
            throw cannotWrite(csv, e);
        }
    }

    /** Appends one row. Safe to call from a training listener on another thread. */
    public synchronized void row(MetricRow r) {
        String line = String.join(",", quote(r.setting()), Long.toString(r.seed()), Integer.toString(r.epoch()),
                Long.toString(r.step()), quote(r.split()), number(r.loss()), number(r.cost()),
                number(r.accuracy()), number(r.learningRate()), number(r.wallSeconds()));
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Pushes buffered rows to disk, e.g. at the end of an epoch so a crash loses little. */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Reads every row of a file written by this class. */
    public static List<MetricRow> read(Path csv) {
        List<MetricRow> rows = new ArrayList<>();
        // Escape character NUL: only RFC 4180 doubled quotes escape; a backslash is a plain character.
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVReader parser = new CSVReader(reader, ',', '"', '\0')) {
            String[] header = parser.readNext();
            if (header == null || !String.join(",", header).equals(HEADER)) {
                throw new ReproException(csv + " does not start with the metrics header '" + HEADER
                        + "'. It was not written by this version of repro4j; re-run the experiment.");
            }
            int line = 1;
            String[] fields;
            while ((fields = parser.readNext()) != null) {
                line++;
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue;
                }
                rows.add(parse(csv, line, fields));
            }
        } catch (IOException e) {
            throw new ReproException("Cannot read " + csv + ": " + e + ". Check that the file exists.", e);
        }
        return rows;
    }

    private static MetricRow parse(Path csv, int line, String[] f) {
        if (f.length != COLUMNS) {
            throw badLine(csv, line, "has " + f.length + " fields, expected " + COLUMNS + ": "
                    + Arrays.toString(f));
        }
        try {
            return new MetricRow(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]), f[4],
                    parseNumber(f[5]), parseNumber(f[6]), parseNumber(f[7]), parseNumber(f[8]), parseNumber(f[9]));
        } catch (IllegalArgumentException e) {
            throw badLine(csv, line, "has a bad value (" + e.getMessage() + ")");
        }
    }

    private static ReproException badLine(Path csv, int line, String what) {
        return new ReproException(csv + " line " + line + " " + what
                + ". The file is damaged; re-run the experiment to rewrite it.");
    }

    private static ReproException cannotWrite(Path csv, IOException e) {
        return new ReproException("Cannot write " + csv + ": " + e
                + ". Check that the results folder is writable and the disk is not full.", e);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static double parseNumber(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
