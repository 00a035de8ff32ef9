package org.repro4j.backend;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.repro4j.ReproException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend selection and the CUDA checks against made-up machines: no GPU or CUDA jar needed. */
class BackendCheckTest {
    private static final Set<String> CUDA_LIBS = Set.of("libcuda.so.1", "libcublas.so.11", "libcusolver.so.11");
    private static final String DRIVER = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  525.85.12";

    /** A machine and class path as the test describes them; counts how often the GPU was probed. */
    private static final class FakeHost implements CudaHost {
        final Optional<String> driver;
        final List<GpuInfo> gpus;
        final Set<String> libraries;
        final Set<String> classPath;
        int probes;

        FakeHost(Optional<String> driver, List<GpuInfo> gpus, Set<String> libraries, Set<String> classPath) {
            this.driver = driver;
            this.gpus = gpus;
            this.libraries = libraries;
            this.classPath = classPath;
        }

        @Override
        public Optional<String> driverVersion() {
            probes++;
            return driver;
        }

        @Override
        public List<GpuInfo> gpus() {
            probes++;
            return gpus;
        }

        @Override
        public boolean hasLibrary(String soname) {
            return libraries.contains(soname);
        }

        @Override
        public boolean onClassPath(String resource) {
            return classPath.contains(resource);
        }
    }

    private static FakeHost noGpu(Backend built) {
        return new FakeHost(Optional.empty(), List.of(), Set.of(), Set.of(built.markerClass()));
    }

    private static FakeHost gpu(String name, String cc, Set<String> libraries, Set<String> classPath) {
        return new FakeHost(Optional.of(DRIVER), List.of(new GpuInfo(name, cc)), libraries, classPath);
    }

    @Test
    void theCpuBuildRunsWithoutLookingForAGpu() {
        FakeHost host = noGpu(Backend.CPU);
        assertEquals(Backend.CPU, BackendCheck.requireUsable(null, host));
        assertEquals(Backend.CPU, BackendCheck.requireUsable("cpu", host));
        assertEquals(0, host.probes);
    }

    @Test
    void theClassPathDecidesWhenNothingIsAsked() {
        FakeHost host = gpu("NVIDIA A100", "8.0", CUDA_LIBS, Set.of(Backend.CUDA.markerClass()));
        assertEquals(Backend.CUDA, BackendCheck.requireUsable(null, host));
    }

    @Test
    void cudaWithoutAGpuSaysWhatWasLookedForAndWhatToInstall() {
        String m = assertThrows(ReproException.class,
                () -> BackendCheck.requireUsable("cuda", noGpu(Backend.CUDA))).getMessage();
        assertTrue(m.contains("/proc/driver/nvidia/version") && m.contains("nvidia-smi"), m);
        assertTrue(m.contains("Install") || m.contains("install") || m.contains("needs an NVIDIA GPU"), m);
        assertTrue(m.contains("libcublas.so.11") && m.contains("BACKEND=cpu"), m);
    }

    @Test
    void askingForCudaFromTheCpuBuildSaysHowToBuildIt() {
        FakeHost host = gpu("NVIDIA A100", "8.0", CUDA_LIBS, Set.of(Backend.CPU.markerClass()));
        String m = assertThrows(ReproException.class, () -> BackendCheck.requireUsable("cuda", host)).getMessage();
        assertTrue(m.contains("make BACKEND=cuda build"), m);
    }

    @Test
    void hopperIsRefusedBecauseTheBinaryHasNoPtx() {
        FakeHost host = gpu("NVIDIA H100 80GB HBM3", "9.0", CUDA_LIBS, Set.of(Backend.CUDA.markerClass()));
        String m = assertThrows(ReproException.class, () -> BackendCheck.requireUsable("cuda", host)).getMessage();
        assertTrue(m.contains("H100") && m.contains("sm_90") && m.contains("PTX"), m);
    }

    @Test
    void missingCudaLibrariesPointToTheRuntimeOrTheRedistributable() {
        FakeHost host = gpu("NVIDIA T4", "7.5", Set.of("libcuda.so.1"), Set.of(Backend.CUDA.markerClass()));
        String m = assertThrows(ReproException.class, () -> BackendCheck.requireUsable("cuda", host)).getMessage();
        assertTrue(m.contains("libcublas.so.11 and libcusolver.so.11") && m.contains("CUDA_REDIST=1"), m);

        FakeHost withRedist = gpu("NVIDIA T4", "7.5", Set.of("libcuda.so.1"),
                Set.of(Backend.CUDA.markerClass(), BackendCheck.REDIST_LIBRARY));
        assertEquals(Backend.CUDA, BackendCheck.requireUsable("cuda", withRedist));
    }

    @Test
    void aMissingDriverLibraryIsNamed() {
        FakeHost host = gpu("NVIDIA T4", "7.5", Set.of("libcublas.so.11", "libcusolver.so.11"), Set.of(Backend.CUDA.markerClass()));
        String m = assertThrows(ReproException.class, () -> BackendCheck.requireUsable("cuda", host)).getMessage();
        assertTrue(m.contains("libcuda.so.1"), m);
    }

    @Test
    void anUnreportedComputeCapabilityIsANoteNotAnError() {
        FakeHost host = gpu("Tesla K80", null, CUDA_LIBS, Set.of(Backend.CUDA.markerClass()));
        BackendCheck.CudaReport r = BackendCheck.cudaProblems(host, false);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(1, r.notes().size());
    }

    @Test
    void computeCapabilitiesFromKeplerToAdaAreSupported() {
        for (String ok : new String[]{"3.7", "5.0", "6.1", "7.0", "7.5", "8.0", "8.6", "8.9"}) {
            assertTrue(ComputeCapability.parse(ok).supported(), ok);
        }
        for (String no : new String[]{"3.0", "3.5", "9.0", "10.0"}) {
            assertTrue(!ComputeCapability.parse(no).supported(), no);
        }
        assertNull(ComputeCapability.parse("unknown"));
    }

    @Test
    void aBadBackendNameAndAMixedClassPathAreRefused() {
        assertTrue(assertThrows(ReproException.class, () -> BackendCheck.requireUsable("gpu", noGpu(Backend.CPU)))
                .getMessage().contains("'cpu'"));
        FakeHost both = new FakeHost(Optional.empty(), List.of(), Set.of(),
                Set.of(Backend.CPU.markerClass(), Backend.CUDA.markerClass()));
        assertTrue(assertThrows(ReproException.class, () -> BackendCheck.requireUsable(null, both))
                .getMessage().contains("Both"));
    }

    // The probes on this machine, checked against what the test finds out by other means: the
    // dynamic linker's map of this very process for libc, the class loader for the backends, the
    // driver's file and PATH for the GPU.

    @Test
    void theLibraryProbeFindsTheLibcThisProcessRunsOn() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "no /proc/self/maps (not Linux)");
        Assumptions.assumeTrue(Files.readAllLines(maps).stream().anyMatch(l -> l.endsWith("/libc.so.6")),
                "this JVM is not linked against glibc's libc.so.6");
        LocalCudaHost host = new LocalCudaHost();
        assertTrue(host.hasLibrary("libc.so.6"), "libc.so.6 is mapped into this process but not found");
        assertFalse(host.hasLibrary("librepro4j-no-such-library.so.0"));
    }

    @Test
    void theClassPathProbeSeesExactlyTheBackendThatLoads() {
        LocalCudaHost host = new LocalCudaHost();
        boolean cpu = host.onClassPath(Backend.CPU.markerClass());
        boolean cuda = host.onClassPath(Backend.CUDA.markerClass());
        assertEquals(loads("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), cpu);
        assertEquals(loads("org.nd4j.linalg.jcublas.JCublasBackend"), cuda);
        assertTrue(cpu != cuda, "a build holds exactly one backend: cpu " + cpu + ", cuda " + cuda);
        assertFalse(host.onClassPath("org/repro4j/backend/NoSuchClass.class"));
    }

    @Test
    void theDriverProbeReadsTheDriversVersionFileWhenThereIsOne() {
        Optional<String> driver = new LocalCudaHost().driverVersion();
        if (Files.isReadable(LocalCudaHost.DRIVER_VERSION_FILE)) {
            assertTrue(driver.isPresent() && driver.get().startsWith("NVRM version"), driver.toString());
        } else {
            assertEquals(Optional.empty(), driver);
        }
    }

    @Test
    void theGpuProbeListsNoGpuWithoutNvidiaSmiAndNamedGpusWithIt() {
        List<GpuInfo> gpus = new LocalCudaHost().gpus();
        if (!onPath("nvidia-smi")) {
            assertEquals(List.of(), gpus);
        }
        for (GpuInfo g : gpus) {
            assertFalse(g.name().isBlank(), gpus.toString());
            assertTrue(g.computeCapability() == null || g.computeCapability().matches("\\d+\\.\\d+"), gpus.toString());
        }
    }

    private static boolean loads(String className) {
        try {
            Class.forName(className, false, BackendCheckTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":")).filter(d -> !d.isBlank())
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
