package org.repro4j.backend;

import java.util.List;
import java.util.Optional;

/**
 * What the CUDA check asks of the machine. {@link LocalCudaHost} asks the real one; tests answer
 * with fixed values, so the selection logic runs without a GPU or the CUDA jars.
 */
interface CudaHost {
    /** The first line of {@code /proc/driver/nvidia/version}, when the NVIDIA kernel driver is loaded. */
    Optional<String> driverVersion();

    /** The GPUs {@code nvidia-smi} lists; empty when it is missing, fails or lists none. */
    List<GpuInfo> gpus();

    /** Whether the dynamic loader can find the shared library (e.g. {@code libcublas.so.11}). */
    boolean hasLibrary(String soname);

    /** Whether the class path holds a resource (a class of a backend, a library of a redistributable jar). */
    boolean onClassPath(String resource);
}
