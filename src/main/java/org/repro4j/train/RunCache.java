package org.repro4j.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.spec.ExperimentSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Trained runs kept under {@code target/run-cache/}, keyed by everything that decides training:
 * the resolved data, network, training and measure settings, the seed, the mode and the code. A
 * figure experiment that shows a table experiment's runs then loads them instead of training
 * again. Only the command line uses it; tests always train.
 */
final class RunCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final String codeHash;

    RunCache(Path projectHome) {
        this.dir = projectHome.resolve("target/run-cache");
        this.codeHash = Fingerprint.code(projectHome);
    }

    String key(ExperimentSpec resolved, long seed, boolean quick) {
        try {
            String settings = JSON.writeValueAsString(List.of(resolved.data(), resolved.network(), resolved.training(),
                    resolved.measure()));
            return Fingerprint.sha256Hex(settings + "|seed=" + seed + "|quick=" + quick + "|code=" + codeHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cached run with its rows relabelled to {@code runName}, or null when there is none. */
    TrainedRun load(String key, String runName) {
        Path entry = dir.resolve(key);
        if (!Files.isRegularFile(entry.resolve("measures.json"))) {
            return null;
        }
        try {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(entry.resolve("model.zip").toFile(), false);
            List<MetricRow> rows = new ArrayList<>();
            for (MetricRow r : MetricsCsv.read(entry.resolve(MetricsCsv.FILE_NAME))) {
                rows.add(new MetricRow(runName, r.seed(), r.epoch(), r.step(), r.split(), r.loss(), r.cost(), r.accuracy(),
                        r.learningRate(), r.wallSeconds()));
            }
            Map<String, Double> measures = JSON.readValue(entry.resolve("measures.json").toFile(), new TypeReference<LinkedHashMap<String, Double>>() {
            });
            Path divergence = entry.resolve("divergence.txt");
            return new TrainedRun(net, rows, measures, Files.isRegularFile(divergence) ? Files.readString(divergence) : null);
        } catch (IOException e) {
            return null; // a damaged entry is retrained (and rewritten)
        }
    }

    /** Written to a temporary folder and renamed, so a half-written entry is never read. */
    void store(String key, TrainedRun run) {
        Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            ModelSerializer.writeModel(run.net(), tmp.resolve("model.zip").toFile(), false);
            try (MetricsCsv csv = MetricsCsv.create(tmp.resolve(MetricsCsv.FILE_NAME))) {
                run.rows().forEach(csv::row);
            }
            JSON.writeValue(tmp.resolve("measures.json").toFile(), run.measures());
            if (run.divergence() != null) {
                Files.writeString(tmp.resolve("divergence.txt"), run.divergence());
            }
            Path entry = dir.resolve(key);
            if (Files.exists(entry)) {
                org.apache.commons.io.FileUtils.deleteDirectory(entry.toFile());
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run cache under " + dir, e);
        }
    }
}
