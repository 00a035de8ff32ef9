package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repro4j.Git;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

class ProvenanceTest {
    @TempDir
    Path dir;

    @Test
    void sha256MatchesTheKnownDigest() throws Exception {
        Path file = Files.writeString(dir.resolve("spec.yaml"), "abc");
        // FIPS 180-2 test vector for "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.sha256(file));
        assertThrows(ReproException.class, () -> Provenance.sha256(dir.resolve("missing.yaml")));
    }

    @Test
    void captureRecordsBackendVersionsAndTime() {
        Provenance p = org.repro4j.train.ResultProvenance.capture("ff".repeat(32), List.of(7L, 8L), 12.5, null);
        // Holds on either backend: CpuBackend/OPENBLAS by default, JCublasBackend/CUBLAS on CUDA.
        assertTrue(p.backend().matches("org\\.nd4j\\..*Backend"), p.backend());
        assertTrue(p.blasVendor().matches("[A-Z]+") && !p.blasVendor().equals("UNKNOWN"), p.blasVendor());
        assertTrue(p.nd4jEnvironment().containsKey("cores"), p.nd4jEnvironment().toString());
        assertFalse(p.nd4jEnvironment().keySet().stream().anyMatch(k -> k.startsWith("memory")),
                "memory figures change every run and are left out");
        assertEquals("1.0.0-M2.1", p.dl4jVersion());
        // The project is built for Java 17 (pom.xml); java.version reads e.g. 17.0.9.
        assertTrue(p.javaVersion().matches(Runtime.version().feature() + "([.+].*)?"), p.javaVersion());
        assertEquals("ff".repeat(32), p.specSha256());
        assertEquals(List.of(7L, 8L), p.seeds());
        assertEquals(12.5, p.wallSeconds());
        assertTrue(p.cpuCores() >= 1);
        assertNotNull(OffsetDateTime.parse(p.date()));
    }

    @Test
    void captureRecordsTheEnvironmentPropertiesGitStateAndTimeItIsGiven() {
        Map<String, String> env = Map.of("OMP_NUM_THREADS", "3", "OPENBLAS_CORETYPE", "Haswell", "PATH", "/bin");
        Map<String, String> props = Map.of("java.version", "17.0.99", "java.vendor", "Test Vendor",
                "os.name", "TestOS", "os.version", "4.2", "os.arch", "riscv64");
        Provenance.GitState git = new Provenance.GitState("ab".repeat(20), Boolean.TRUE);
        OffsetDateTime now = OffsetDateTime.parse("2024-05-06T07:08:09.987654321+02:00");

        Provenance.Recipe recipe = new Provenance.Recipe("cd".repeat(32), "quick", Map.of("mnist/x.gz", "00"), Map.of("seed 1", "ef"));
        Provenance p = Provenance.capture("00".repeat(32), List.of(1L), 3.0, "TestBackend", "TESTBLAS",
                Map.of("cores", "5"), recipe, env::get, props::get, "Test CPU 9000", 5, git, now, List.of("-Xmx1g", "-Da=b"));
        assertEquals(recipe, p.recipe());
        assertEquals(List.of("-Xmx1g", "-Da=b"), p.jvmOptions());
        assertEquals("TestBackend", p.backend());
        assertEquals("TESTBLAS", p.blasVendor());
        assertEquals(Map.of("cores", "5"), p.nd4jEnvironment());
        assertEquals("3", p.ompNumThreads());
        assertEquals("Haswell", p.openblasCoretype());
        assertEquals("17.0.99", p.javaVersion());
        assertEquals("Test Vendor", p.javaVendor());
        assertEquals("TestOS 4.2", p.os());
        assertEquals("riscv64", p.arch());
        assertEquals("Test CPU 9000", p.cpuModel());
        assertEquals(5, p.cpuCores());
        assertEquals("ab".repeat(20), p.gitCommit());
        assertEquals(Boolean.TRUE, p.gitDirty());
        assertEquals("2024-05-06T07:08:09+02:00", p.date(), "to the second, with its offset");

        Provenance unset = Provenance.capture("00".repeat(32), List.of(1L), 3.0, "B", "BLAS", Map.of(), null, name -> null, props::get, "cpu", 1,
                Provenance.GitState.NONE, now, List.of());
        assertNull(unset.ompNumThreads(), "an unset variable is recorded as absent, not as a default");
        assertNull(unset.openblasCoretype());
        assertNull(unset.gitCommit());
        assertNull(unset.gitDirty());
    }

    @Test
    void noGitCheckoutGivesNoCommit() {
        Provenance.GitState state = Provenance.GitState.of(dir);
        assertNull(state.commit());
        assertNull(state.dirty());
    }

    @Test
    void gitCommitAndDirtyFlagOfACheckout() throws Exception {
        assumeTrue(Git.exitCode(dir, "init", "-q") == 0, "git is not installed");
        Files.writeString(dir.resolve("tracked.txt"), "one");
        Files.createDirectories(dir.resolve("results"));
        Files.writeString(dir.resolve("results/summary.json"), "{}");
        Git.run(dir, "add", "tracked.txt", "results/summary.json");
        Git.run(dir, "commit", "-q", "-m", "x");

        Provenance.GitState clean = Provenance.GitState.of(dir);
        assertTrue(clean.commit().matches("[0-9a-f]{40}"), clean.commit());
        assertEquals(Boolean.FALSE, clean.dirty());

        Files.writeString(dir.resolve("untracked.txt"), "results are not code");
        assertEquals(Boolean.FALSE, Provenance.GitState.of(dir).dirty(), "untracked files do not count");
        Files.writeString(dir.resolve("results/summary.json"), "{\"rewritten\": true}");
        assertEquals(Boolean.FALSE, Provenance.GitState.of(dir).dirty(), "rewritten committed results do not count");
        Files.writeString(dir.resolve("tracked.txt"), "two");
        assertEquals(Boolean.TRUE, Provenance.GitState.of(dir).dirty());
    }
}
