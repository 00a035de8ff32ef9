package org.repro4j.bench;

import org.repro4j.train.Timing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The same training steps in NumPy float32, timed by {@code bench/numpy_step.py} in a child
 * process during the same benchmark run, with as many BLAS threads as ND4J has
 * ({@code OMP_NUM_THREADS}).
 *
 * @param version        e.g. {@code numpy 2.1.0, python 3.11.7}; null when unavailable
 * @param cases          per case id; empty when unavailable
 * @param unavailable    why there is no NumPy reference (no python3, no NumPy, script failed), or null
 */
record NumpyReference(String version, Map<String, Timing> cases, String unavailable) {
    static final String SCRIPT = "bench/numpy_step.py";

    static NumpyReference run(Path home, int steps, int rounds, int warmup) {
        Path script = home.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            return missing(script + " not found");
        }
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), "--steps", Integer.toString(steps),
                "--rounds", Integer.toString(rounds), "--warmup", Integer.toString(warmup));
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", threads);
        pb.environment().put("OMP_NUM_THREADS", threads);
        pb.redirectErrorStream(false);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return missing("python3 " + SCRIPT + " did not finish in 10 minutes");
            }
            if (p.exitValue() != 0) {
                return missing("python3 " + SCRIPT + " failed: " + lastLine(err));
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return missing("python3 could not be started (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing("interrupted");
        }
    }

    static NumpyReference parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Timing> cases = new LinkedHashMap<>();
        root.get("cases").fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            cases.put(e.getKey(), new Timing(t.get("median_ms").asDouble(), t.get("p10_ms").asDouble(),
                    t.get("p90_ms").asDouble(), t.get("steps_per_s").asDouble(), 0));
        });
        return new NumpyReference("numpy " + root.get("numpy").asText() + ", python " + root.get("python").asText(),
                cases, null);
    }

    private static NumpyReference missing(String why) {
        return new NumpyReference(null, Map.of(), why);
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }
}
