package org.repro4j.backend;

import org.junit.jupiter.api.Test;
import org.repro4j.ReproException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theRealMachineProbesDoNotCrash() {
        // This machine's answer is whatever it is; the probes must answer, not throw.
        LocalCudaHost host = new LocalCudaHost();
        host.driverVersion();
        host.gpus();
        host.hasLibrary("libc.so.6");
        assertTrue(host.onClassPath(Backend.CPU.markerClass()) || host.onClassPath(Backend.CUDA.markerClass()));
    }
}
