package org.repro4j.backend;

import org.repro4j.CommandOutput;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Probes the machine this JVM runs on: the NVIDIA kernel driver's version file, {@code nvidia-smi},
 * the loader cache and the usual CUDA library folders. Nothing here loads a native library, so a
 * missing driver gives an answer instead of a crash.
 */
final class LocalCudaHost implements CudaHost {
    static final Path DRIVER_VERSION_FILE = Path.of("/proc/driver/nvidia/version");
    /** Where CUDA installs and distributions put the libraries, besides LD_LIBRARY_PATH and the ldconfig cache. */
    static final List<String> LIBRARY_FOLDERS = List.of("/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
            "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib/wsl/lib");

    private List<String> loaderCache;

    @Override
    public Optional<String> driverVersion() {
        try {
            return Files.readAllLines(DRIVER_VERSION_FILE).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<GpuInfo> gpus() {
        // Drivers before 510 do not know the compute_cap field; then ask for the names alone.
        String out = run("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader");
        boolean withCapability = out != null;
        if (out == null) {
            out = run("nvidia-smi", "--query-gpu=name", "--format=csv,noheader");
        }
        List<GpuInfo> gpus = new ArrayList<>();
        if (out != null) {
            for (String line : out.strip().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                gpus.add(withCapability && comma > 0
                        ? new GpuInfo(line.substring(0, comma).strip(), line.substring(comma + 1).strip())
                        : new GpuInfo(line.strip(), null));
            }
        }
        return gpus;
    }

    @Override
    public boolean hasLibrary(String soname) {
        for (String line : loaderCache()) {
            if (line.strip().startsWith(soname + " ")) {
                return true;
            }
        }
        for (Path folder : libraryFolders()) {
            if (Files.exists(folder.resolve(soname))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean onClassPath(String resource) {
        return LocalCudaHost.class.getClassLoader().getResource(resource) != null;
    }

    private List<String> loaderCache() {
        if (loaderCache == null) {
            String out = run("ldconfig", "-p");
            if (out == null) {
                out = run("/sbin/ldconfig", "-p");
            }
            loaderCache = out == null ? List.of() : out.lines().toList();
        }
        return loaderCache;
    }

    private static List<Path> libraryFolders() {
        List<Path> folders = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String dir : ld.split(":")) {
                if (!dir.isBlank()) {
                    folders.add(Path.of(dir));
                }
            }
        }
        LIBRARY_FOLDERS.forEach(f -> folders.add(Path.of(f)));
        // Versioned toolkits side by side: /usr/local/cuda-11.6/lib64 and the like.
        try (DirectoryStream<Path> cudas = Files.newDirectoryStream(Path.of("/usr/local"), "cuda-11*")) {
            cudas.forEach(c -> folders.add(c.resolve("lib64")));
        } catch (IOException | RuntimeException e) {
            // No /usr/local or no toolkit there: nothing to add.
        }
        return folders;
    }

    /** Standard output of a command that exits 0 within 15 s, else null (missing, failing or hanging). */
    private static String run(String... command) {
        return CommandOutput.of(null, 15, command);
    }
}
