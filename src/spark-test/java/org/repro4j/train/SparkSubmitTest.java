package org.repro4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.TestData;
import org.repro4j.report.MeasureKind;

/**
 * The application jar ({@code make spark-app}) as a user ships it: run alone with the local executor, and given to
 * {@code spark-submit} (Spark's {@code SparkSubmit}, in client mode from the project folder) for a standalone cluster
 * whose executors start from a Spark installation without DL4J, ND4J, their natives or this project's classes, and
 * whose data folder is not the driver's: each executor runs the data step there first (from {@code DATA_MIRROR} of
 * its environment, MD5-checked). The two runs' measures are the same.
 */
@Tag("spark")
class SparkSubmitTest {
    private static final Path APP_JAR = Path.of("target/spark/repro4j-spark-app.jar");
    private static final Path INSTALLATION = Path.of("target/spark/classpath-spark-installation.txt");

    @TempDir
    Path folder;

    @Test
    void theApplicationJarTrainsOnExecutorsThatShareNeitherClassesNorData() throws Exception {
        assertTrue(Files.isRegularFile(APP_JAR) && Files.isRegularFile(INSTALLATION),
                "the application jar and the installation's class path: run 'make spark-app' (make test-spark does)");
        Path mirror = TestData.requireMnist();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> run = List.of("run", "--quick", "--no-cache", "--seeds", "2", "vu-e2");

        List<String> alone = new ArrayList<>(List.of(java, "-Xmx1g", "-jar", APP_JAR.toString()));
        alone.addAll(run);
        alone.addAll(List.of("--results", folder.resolve("alone").toString()));
        assertEquals(0, exec(alone, folder.resolve("alone.log")), "the application jar alone; see alone.log");

        String installationPath = Files.readString(INSTALLATION).trim();
        List<Path> installation = new ArrayList<>();
        for (String jar : installationPath.split(File.pathSeparator)) {
            installation.add(Path.of(jar));
        }
        Path executorData = folder.resolve("executor-data");
        try (SparkCluster cluster = new SparkCluster(folder, 2, installation)) {
            List<String> submit = new ArrayList<>(List.of(java));
            submit.addAll(List.of(System.getenv(SparkExecutor.JAVA_OPTIONS_VARIABLE).trim().split("\\s+")));
            submit.addAll(List.of("-Xmx1g", "-cp", installationPath, "org.apache.spark.deploy.SparkSubmit",
                    "--master", cluster.url(), "--class", "org.repro4j.cli.Repro",
                    "--conf", SparkExecutor.EXECUTOR_DATA_DIR + "=" + executorData,
                    "--conf", "spark.executorEnv.DATA_MIRROR=" + mirror.toAbsolutePath(),
                    APP_JAR.toAbsolutePath().toString()));
            submit.addAll(run);
            submit.addAll(List.of("--executor", "spark", "--results", folder.resolve("submitted").toString()));
            assertEquals(0, exec(submit, folder.resolve("submitted.log")), "spark-submit of the application jar; see "
                    + folder.resolve("submitted.log"));
        }
        assertTrue(Files.isRegularFile(executorData.resolve("mnist/train-images-idx3-ubyte.gz")),
                "the executors' data step filled " + executorData);

        JsonNode a = new ObjectMapper().readTree(folder.resolve("alone/vu-e2/summary.json").toFile());
        JsonNode b = new ObjectMapper().readTree(folder.resolve("submitted/vu-e2/summary.json").toFile());
        assertEquals(withoutTimings(a.get("measures")), withoutTimings(b.get("measures")));
        assertTrue(b.at("/provenance/recipe/trainedOn").toString().contains("spark " + "spark://127.0.0.1:"),
                b.at("/provenance/recipe/trainedOn").toString());
    }

    /** Every measure but the timings, which are wall times ({@link MeasureKind#TIMING}). */
    private static Map<String, JsonNode> withoutTimings(JsonNode measures) {
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        measures.fields().forEachRemaining(e -> {
            if (MeasureKind.of(e.getKey()) != MeasureKind.TIMING) {
                kept.put(e.getKey(), e.getValue());
            }
        });
        assertTrue(kept.size() > 5, "measures in " + measures);
        return kept;
    }

    /** Runs a command in the project folder without bin/env.sh's Spark options in its environment, as spark-submit would. */
    private static int exec(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove(SparkExecutor.JAVA_OPTIONS_VARIABLE);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command.subList(0, 3)) + "... still running after 300 s; see " + log);
            }
            int status = p.exitValue();
            if (status != 0) {
                System.out.println(Files.readString(log));
            }
            return status;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
