package org.repro4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.io.FileUtils;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.spec.Split;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Trial results kept on this machine under {@code target/trials/<trial hash>/}: the trial's
 * recipe ({@code trial.json}), its measures and divergence ({@code result.json}), its metric rows
 * ({@code metrics.csv}) and the arrays figures draw ({@code arrays.bin}). A trial whose hash is
 * here is not trained again: a figure experiment that shows a table experiment's trainings reads
 * them from here. An entry serves a trial when it holds at least the curves the trial asks for
 * ({@link Trial#curves}); the hash leaves curves out. Each entry is written to a temporary folder
 * and renamed, so a half-written one is never read; a damaged one is trained again.
 */
final class TrialStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    TrialStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Whether a result of this trial with its curves is stored (it may still turn out damaged when
     * loaded, and then be trained again).
     */
    boolean contains(Trial trial) {
        Stored stored = stored(trial);
        return stored != null && stored.curves().containsAll(trial.curves());
    }

    /** The curves the stored result of this trial holds, or none when there is none. */
    List<Split> curves(Trial trial) {
        Stored stored = stored(trial);
        return stored == null ? List.of() : stored.curves();
    }

    /** The stored result of this trial, or null when there is none, or it lacks some of the trial's curves. */
    TrialResult load(Trial trial) {
        Path entry = dir.resolve(trial.sha256());
        Stored stored = stored(trial);
        if (stored == null || !stored.curves().containsAll(trial.curves())) {
            return null;
        }
        try {
            List<MetricRow> rows = MetricsCsv.read(entry.resolve(MetricsCsv.FILE_NAME));
            TrialResult.Matrix weights = null;
            TrialResult.TrueClass trueClass = null;
            Path arrays = entry.resolve("arrays.bin");
            if (Files.isRegularFile(arrays)) {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(arrays)))) {
                    weights = in.readBoolean() ? readMatrix(in) : null;
                    trueClass = in.readBoolean() ? readTrueClass(in) : null;
                }
            }
            return new TrialResult(rows, stored.measures(), stored.stepsPerEpoch(), stored.divergence(), weights, trueClass,
                    stored.trainedOn());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is trained again (and rewritten)
        }
    }

    void store(Trial trial, TrialResult result) {
        Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("trial.json"), trial.json() + "\n");
            JSON.writeValue(tmp.resolve("result.json").toFile(),
                    new Stored(result.measures(), result.stepsPerEpoch(), result.divergence(), trial.curves(), result.trainedOn()));
            try (MetricsCsv csv = MetricsCsv.create(tmp.resolve(MetricsCsv.FILE_NAME))) {
                result.rows().forEach(csv::row);
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve("arrays.bin"))))) {
                out.writeBoolean(result.firstLayerWeights() != null);
                if (result.firstLayerWeights() != null) {
                    writeMatrix(out, result.firstLayerWeights());
                }
                out.writeBoolean(result.testTrueClass() != null);
                if (result.testTrueClass() != null) {
                    writeTrueClass(out, result.testTrueClass());
                }
            }
            Path entry = dir.resolve(trial.sha256());
            if (Files.exists(entry)) {
                FileUtils.deleteDirectory(entry.toFile());
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trial store under " + dir, e);
        }
    }

    /** result.json, or null when there is none or it cannot be read. */
    private Stored stored(Trial trial) {
        Path file = dir.resolve(trial.sha256()).resolve("result.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), Stored.class);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is trained again (and rewritten)
        }
    }

    /**
     * What result.json holds; NaN and infinite measures are written as the strings Jackson reads back.
     *
     * @param curves the splits the trial measured while it trained
     */
    private record Stored(LinkedHashMap<String, Double> measures, int stepsPerEpoch, String divergence, List<Split> curves,
                          String trainedOn) {
        Stored {
            curves = curves == null ? List.of() : curves;
        }

        Stored(Map<String, Double> measures, int stepsPerEpoch, String divergence, List<Split> curves, String trainedOn) {
            this(new LinkedHashMap<>(measures), stepsPerEpoch, divergence, curves, trainedOn);
        }
    }

    private static void writeMatrix(DataOutputStream out, TrialResult.Matrix m) throws IOException {
        out.writeInt(m.rows());
        out.writeInt(m.columns());
        for (double v : m.values()) {
            out.writeDouble(v);
        }
    }

    private static TrialResult.Matrix readMatrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int columns = in.readInt();
        double[] values = new double[Math.multiplyExact(rows, columns)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return new TrialResult.Matrix(rows, columns, values);
    }

    private static void writeTrueClass(DataOutputStream out, TrialResult.TrueClass t) throws IOException {
        out.writeInt(t.probability().length);
        for (int i = 0; i < t.probability().length; i++) {
            out.writeDouble(t.probability()[i]);
            out.writeBoolean(t.correct()[i]);
        }
    }

    private static TrialResult.TrueClass readTrueClass(DataInputStream in) throws IOException {
        int n = in.readInt();
        double[] probability = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            probability[i] = in.readDouble();
            correct[i] = in.readBoolean();
        }
        return new TrialResult.TrueClass(probability, correct);
    }
}
