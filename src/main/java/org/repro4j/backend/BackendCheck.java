package org.repro4j.backend;

import org.repro4j.ReproException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which ND4J backend a run uses and whether this machine can run it, before ND4J is first
 * touched: ND4J loads the backend it finds on the class path the first time a class uses it, and a
 * CUDA backend without a usable GPU, driver or CUDA 11 libraries dies in native code instead of
 * saying what is missing.
 *
 * <p>The backend asked for is {@code REPRO_BACKEND} ({@code cpu} or {@code cuda}; {@code bin/repro}
 * sets it from {@code BACKEND}), else whichever backend the class path holds. {@code make
 * BACKEND=cuda} also runs {@link #main} before Maven, so a machine without a GPU fails before the
 * CUDA jars are downloaded.
 */
public final class BackendCheck {
    /** The environment variable naming the backend a run asks for. */
    public static final String ENV = "REPRO_BACKEND";
    static final String DRIVER_LIBRARY = "libcuda.so.1";
    /** What the M2.1 CUDA binary links against besides the driver (read from its jar). */
    static final List<String> CUDA_LIBRARIES = List.of("libcublas.so.11", "libcusolver.so.11");
    /** A library inside org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist; JavaCPP extracts and loads it. */
    static final String REDIST_LIBRARY = "org/bytedeco/cuda/linux-x86_64/libcublas.so.11";
    static final String LOOKED_FOR = "Looked for: the NVIDIA driver (" + LocalCudaHost.DRIVER_VERSION_FILE
            + ", nvidia-smi), " + DRIVER_LIBRARY + ", " + String.join(" and ", CUDA_LIBRARIES)
            + " (ldconfig cache, LD_LIBRARY_PATH, /usr/local/cuda*/lib64, or the JavaCPP CUDA redistributable on the"
            + " class path), and GPUs of compute capability 3.7 to 8.x.";

    private BackendCheck() {
    }

    /**
     * The backend this run uses, after checking that the build holds it and, for CUDA, that the
     * machine can run it.
     *
     * @throws ReproException naming what was looked for and what to install or change
     */
    public static Backend requireUsable() {
        return requireUsable(System.getenv(ENV), new LocalCudaHost());
    }

    static Backend requireUsable(String requestedSetting, CudaHost host) {
        Backend built = built(host);
        Backend requested = requestedSetting == null || requestedSetting.isBlank() ? built
                : Backend.parse(requestedSetting, ENV);
        List<String> problems = new ArrayList<>();
        if (requested == Backend.CUDA) {
            problems.addAll(cudaProblems(host, host.onClassPath(REDIST_LIBRARY)).problems());
        }
        if (requested != built) {
            problems.add("this build holds the " + built.label() + " backend, not " + requested.label()
                    + ": build it with 'make BACKEND=" + requested.label() + " build' (bin/repro then uses that class path"
                    + " when BACKEND=" + requested.label() + " is set)");
        }
        if (!problems.isEmpty()) {
            throw new ReproException(message(requested, problems));
        }
        return requested;
    }

    /** The backend whose jars are on the class path; both at once would let ND4J pick either. */
    static Backend built(CudaHost host) {
        boolean cpu = host.onClassPath(Backend.CPU.markerClass());
        boolean cuda = host.onClassPath(Backend.CUDA.markerClass());
        if (cpu && cuda) {
            throw new ReproException("Both nd4j-native and nd4j-cuda are on the class path, so ND4J would pick either. "
                    + "Fix: rebuild with one backend ('make clean build', or 'make BACKEND=cuda clean build').");
        }
        if (!cpu && !cuda) {
            throw new ReproException("No ND4J backend (nd4j-native or nd4j-cuda-11.6) is on the class path. "
                    + "Fix: build with 'make build' (CPU) or 'make BACKEND=cuda build' and run through bin/repro.");
        }
        return cuda ? Backend.CUDA : Backend.CPU;
    }

    /**
     * What stops the CUDA backend on this host, and remarks that do not.
     *
     * @param librariesFromRedist the CUDA libraries come from the JavaCPP redistributable, not the host
     */
    static CudaReport cudaProblems(CudaHost host, boolean librariesFromRedist) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<String> driver = host.driverVersion();
        List<GpuInfo> gpus = host.gpus();
        if (driver.isEmpty() && gpus.isEmpty()) {
            problems.add("no NVIDIA driver: " + LocalCudaHost.DRIVER_VERSION_FILE + " does not exist and nvidia-smi is"
                    + " missing or lists no GPU. The CUDA backend needs an NVIDIA GPU with its driver installed"
                    + " (450.80.02 or newer, as CUDA 11.x requires)");
            return new CudaReport(problems, notes, gpus);
        }
        if (gpus.isEmpty()) {
            problems.add("the NVIDIA driver is loaded (" + driver.get().strip() + ") but nvidia-smi lists no GPU: put"
                    + " nvidia-smi on the PATH and check that a GPU is visible (CUDA_VISIBLE_DEVICES, a container's --gpus)");
        }
        if (!host.hasLibrary(DRIVER_LIBRARY)) {
            problems.add(DRIVER_LIBRARY + " (the driver's user-space library) is not in the ldconfig cache, LD_LIBRARY_PATH"
                    + " or " + LocalCudaHost.LIBRARY_FOLDERS + ": install the driver's compute libraries"
                    + " (e.g. libnvidia-compute) or add their folder to LD_LIBRARY_PATH");
        }
        if (!librariesFromRedist) {
            List<String> missing = CUDA_LIBRARIES.stream().filter(lib -> !host.hasLibrary(lib)).toList();
            if (!missing.isEmpty()) {
                problems.add(String.join(" and ", missing) + " not found (ldconfig cache, LD_LIBRARY_PATH,"
                        + " /usr/local/cuda*/lib64) and the JavaCPP CUDA redistributable is not on the class path:"
                        + " install a CUDA 11.x runtime (11.6 matches the binary) and add its lib64 folder to"
                        + " LD_LIBRARY_PATH, or build with the redistributable: 'make BACKEND=cuda CUDA_REDIST=1 build'"
                        + " (adds org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist, about 1.8 GB)");
            }
        }
        for (int i = 0; i < gpus.size(); i++) {
            GpuInfo gpu = gpus.get(i);
            ComputeCapability cc = ComputeCapability.parse(gpu.computeCapability());
            if (cc == null) {
                notes.add("GPU " + i + " (" + gpu.name() + "): nvidia-smi did not report its compute capability; the"
                        + " binary runs on 3.7 to 8.x (Kepler sm_37 to Ampere/Ada), not on Hopper (9.0) or newer");
            } else if (!cc.supported()) {
                problems.add("GPU " + i + " (" + gpu.name() + ", compute capability " + cc + "): " + cc.whyUnsupported()
                        + ". Use the CPU backend on this machine, or hide this GPU with CUDA_VISIBLE_DEVICES if another"
                        + " one is supported");
            }
        }
        return new CudaReport(problems, notes, gpus);
    }

    private static String message(Backend requested, List<String> problems) {
        return "BACKEND=" + requested.label() + " asks for ND4J's " + requested.label() + " backend, but it cannot run here:\n  - "
                + String.join("\n  - ", problems) + "\n" + (requested == Backend.CUDA ? LOOKED_FOR + "\n" : "")
                + "To use the CPU instead, leave BACKEND unset (or set BACKEND=cpu).";
    }

    /**
     * Checks the machine for the CUDA backend before anything is built ({@code make BACKEND=cuda}
     * runs it ahead of Maven). {@code --redist}: the CUDA libraries will come from the JavaCPP
     * redistributable, so the host need not have them. Exit code 0 when usable, 2 otherwise.
     */
    public static void main(String[] args) {
        boolean redist = List.of(args).contains("--redist");
        CudaReport report = cudaProblems(new LocalCudaHost(), redist);
        report.notes().forEach(n -> System.err.println("note: " + n));
        if (!report.problems().isEmpty()) {
            System.err.println("error: " + message(Backend.CUDA, report.problems()));
            System.exit(2);
        }
        for (int i = 0; i < report.gpus().size(); i++) {
            GpuInfo g = report.gpus().get(i);
            System.out.println("CUDA check passed: GPU " + i + " " + g.name()
                    + (g.computeCapability() == null ? "" : " (compute capability " + g.computeCapability() + ")"));
        }
    }

    /** The outcome of the CUDA checks: problems stop a run, notes are printed. */
    record CudaReport(List<String> problems, List<String> notes, List<GpuInfo> gpus) {
    }
}
