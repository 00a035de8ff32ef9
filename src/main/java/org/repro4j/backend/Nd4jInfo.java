package org.repro4j.backend;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.TreeMap;

/** The parts of ND4J's environment report that describe the run, not the moment. */
public record Nd4jInfo(String backend, String blasVendor, Map<String, String> environment) {
    /** Loads the ND4J backend if needed; never throws (an unloadable backend is described instead). */
    public static Nd4jInfo capture() {
        try {
            String backend = Nd4j.getBackend().getClass().getName();
            Map<String, String> environment = new TreeMap<>();
            Nd4j.getExecutioner().getEnvironmentInformation().forEach((key, value) -> {
                String name = String.valueOf(key);
                if (!name.startsWith("memory")) {
                    environment.put(name, String.valueOf(value));
                }
            });
            String blas = environment.getOrDefault("blas.vendor",
                    String.valueOf(Nd4j.factory().blas().getBlasVendor()));
            return new Nd4jInfo(backend, blas, environment);
        } catch (RuntimeException | LinkageError e) {
            // Provenance must not lose a finished run; record why the backend is unknown instead.
            return new Nd4jInfo("unavailable: " + e, "unknown", Map.of());
        }
    }
}
