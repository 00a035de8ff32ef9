package org.repro4j.bench;

import org.repro4j.train.Timing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The step benchmark again in a child JVM without this project's speed settings: no
 * {@code OPENBLAS_CORETYPE} (so OpenBLAS picks its own, on recent CPUs generic, kernels), no
 * {@code OMP_NUM_THREADS} (OpenMP's default, one thread per core), no
 * {@code -Dorg.bytedeco.javacpp.maxphysicalbytes=0}. That is where training stood before
 * {@code bin/env.sh}, so the report can show what the settings and the lean step each bring,
 * measured in one run.
 */
final class DefaultEnvironmentRun {
    /** The line prefix under which the child prints its JSON (ND4J may log to stdout too). */
    static final String MARKER = "BENCH-STEPS-JSON ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DefaultEnvironmentRun() {
    }

    /** Runs {@code repro bench --steps-json} in a child JVM; null with the reason logged when it fails. */
    static Map<String, Map<String, Timing>> run(boolean quick, java.io.PrintStream log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx4g", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.repro4j.cli.Repro", "bench", "--steps-json"));
        if (quick) {
            command.add("--quick");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OMP_NUM_THREADS");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                log.println("bench: the default-environment child run did not finish in 10 minutes");
                return null;
            }
            if (p.exitValue() != 0) {
                log.println("bench: the default-environment child run failed (exit " + p.exitValue() + ")");
                return null;
            }
            for (String line : out.split("\n")) {
                if (line.startsWith(MARKER)) {
                    return JSON.readValue(line.substring(MARKER.length()),
                            new TypeReference<Map<String, Map<String, Timing>>>() { });
                }
            }
            log.println("bench: the default-environment child printed no results");
            return null;
        } catch (IOException e) {
            log.println("bench: could not run the default-environment child: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What the child does: the step benchmark, printed as one marked JSON line. */
    static void printSteps(boolean quick) throws IOException {
        Map<String, Map<String, Timing>> steps = StepBench.run(BenchCase.ALL, quick ? Budget.QUICK : Budget.DEFAULT_ENV);
        System.out.println(MARKER + JSON.writeValueAsString(steps));
    }
}
