package org.repro4j.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.repro4j.CommandOutput;
import org.repro4j.CpuModel;
import org.repro4j.Sha256;

/**
 * Where a result came from: the exact spec, seeds, software, machine and commit.
 *
 * @param specSha256      SHA-256 of the experiment spec that was run (its canonical JSON, {@code extends} resolved)
 * @param seeds           the seeds, in the order they were run
 * @param backend         ND4J backend class, e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}
 * @param blasVendor      BLAS library ND4J reports, e.g. {@code OPENBLAS} (CUBLAS on CUDA)
 * @param nd4jEnvironment what ND4J's executioner reports about the device (cores, BLAS and OpenMP
 *                        threads, CUDA devices), without the memory figures that change every run
 * @param openblasCoretype the {@code OPENBLAS_CORETYPE} environment variable, or null
 * @param ompNumThreads   the {@code OMP_NUM_THREADS} environment variable, or null
 * @param dl4jVersion     version of the deeplearning4j-nn jar on the class path
 * @param javaVersion     {@code java.version}
 * @param javaVendor      {@code java.vendor}
 * @param os              operating system name and version
 * @param arch            {@code os.arch}
 * @param cpuModel        the processor's model name ({@code /proc/cpuinfo}); null in results made before it was recorded
 * @param cpuCores        processors available to the JVM
 * @param gitCommit       {@code git rev-parse HEAD}, or null outside a git checkout
 * @param gitDirty        whether tracked files had uncommitted changes; null with no commit
 * @param wallSeconds     seconds spent on the experiment: its trials' training, each on one worker (a
 *                        trial that several experiments of a run share counts in the first by id), and
 *                        its own assembly, without the time it waited for trials; trials of all
 *                        experiments train at once, so these add up to about the run's wall time
 *                        times its workers
 * @param date            when the provenance was captured, ISO-8601 with offset
 * @param jvmOptions      the JVM's options (heap, ND4J memory caps, ...), as the JVM reports them
 * @param recipe          what the result was computed from beside the spec: code, mode, data, trials;
 *                        null where that does not apply (a benchmark)
 */
@JsonPropertyOrder({"specSha256", "seeds", "backend", "blasVendor", "nd4jEnvironment", "openblasCoretype",
        "ompNumThreads", "dl4jVersion", "javaVersion", "javaVendor", "os", "arch", "cpuModel", "cpuCores", "gitCommit",
        "gitDirty", "wallSeconds", "date", "jvmOptions", "recipe"})
public record Provenance(String specSha256, List<Long> seeds, String backend, String blasVendor,
        Map<String, String> nd4jEnvironment, String openblasCoretype, String ompNumThreads, String dl4jVersion,
        String javaVersion, String javaVendor, String os, String arch, String cpuModel, int cpuCores, String gitCommit,
        Boolean gitDirty, double wallSeconds, String date, List<String> jvmOptions, Recipe recipe) {

    /**
     * What a result was computed from, beside its spec: enough to compute it again and to tell
     * whether a rerun computed the same thing.
     *
     * @param codeSha256 SHA-256 of the code that ran ({@code src/main}, {@code src/cpu}, the pom)
     * @param mode       {@code full} or {@code quick} (a smoke run on a data subset)
     * @param dataFiles  each data file the experiment read (path under the data folder) with its pinned MD5
     * @param trials     each setting and seed ({@code "lambda=0,eta=0.1, seed 1"}) with its trial's SHA-256
     * @param trainedOn  where each of those trials trained (the executor, the host and its cores), as far as
     *                   recorded; not part of what determines the numbers, which are the same wherever it trained
     */
    @JsonPropertyOrder({"codeSha256", "mode", "dataFiles", "trials", "trainedOn"})
    public record Recipe(String codeSha256, String mode, Map<String, String> dataFiles, Map<String, String> trials,
                         Map<String, String> trainedOn) {
        public Recipe {
            dataFiles = dataFiles == null ? Map.of() : new TreeMap<>(dataFiles);
            trials = trials == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trials));
            trainedOn = trainedOn == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainedOn));
        }

        /** A recipe without a record of where its trials trained. */
        public Recipe(String codeSha256, String mode, Map<String, String> dataFiles, Map<String, String> trials) {
            this(codeSha256, mode, dataFiles, trials, null);
        }

        /** How {@link #trials} names a setting's seed: {@code "lambda=0,eta=0.1, seed 1"}, or {@code "seed 1"}. */
        public static String trialName(String setting, long seed) {
            return (setting == null || setting.isEmpty() ? "" : setting + ", ") + "seed " + seed;
        }
    }

    private static final String DL4J_POM_PROPERTIES =
            "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";

    public Provenance {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        nd4jEnvironment = nd4jEnvironment == null ? Map.of() : new TreeMap<>(nd4jEnvironment);
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
    }

    /**
     * Records the current environment beside what ND4J said of itself ({@code org.repro4j.backend.Nd4jInfo},
     * which the caller asks: this package does not load ND4J); runs {@code git} in the working
     * directory (a missing git or no checkout gives a null commit).
     *
     * @param backend         ND4J's backend class
     * @param blasVendor      the BLAS ND4J reports
     * @param nd4jEnvironment ND4J's environment report without its memory figures
     */
    public static Provenance capture(String specHashSha256, List<Long> seeds, double wallSeconds, String backend,
            String blasVendor, Map<String, String> nd4jEnvironment, Recipe recipe) {
        return capture(specHashSha256, seeds, wallSeconds, backend, blasVendor, nd4jEnvironment, recipe, System::getenv,
                System::getProperty, CpuModel.name(), Runtime.getRuntime().availableProcessors(), GitState.of(Path.of("").toAbsolutePath()),
                OffsetDateTime.now(), ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * {@link #capture(String, List, double, String, String, Map, Recipe)} from given inputs instead of
     * this process's: the environment variables and system properties to read, the processor's model and count,
     * the git state, the time (truncated to seconds) and the JVM options. The DL4J version is this
     * class path's.
     */
    static Provenance capture(String specHashSha256, List<Long> seeds, double wallSeconds, String backend,
            String blasVendor, Map<String, String> nd4jEnvironment, Recipe recipe,
            UnaryOperator<String> environment, UnaryOperator<String> properties, String cpuModel, int cpuCores, GitState git,
            OffsetDateTime now, List<String> jvmOptions) {
        return new Provenance(specHashSha256, seeds, backend, blasVendor, nd4jEnvironment,
                environment.apply("OPENBLAS_CORETYPE"), environment.apply("OMP_NUM_THREADS"), dl4jVersionOnClassPath(),
                properties.apply("java.version"), properties.apply("java.vendor"),
                properties.apply("os.name") + " " + properties.apply("os.version"),
                properties.apply("os.arch"), cpuModel, cpuCores,
                git.commit(), git.dirty(), wallSeconds,
                now.truncatedTo(ChronoUnit.SECONDS).toString(), jvmOptions, recipe);
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        return Sha256.of(file);
    }

    /** Read from the jar's Maven metadata so the value follows the class path, not a constant. */
    static String dl4jVersionOnClassPath() {
        URL url = MultiLayerNetwork.class.getResource(DL4J_POM_PROPERTIES);
        if (url != null) {
            try (InputStream in = url.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null) {
                    return version;
                }
            } catch (IOException e) {
                // fall through to the manifest
            }
        }
        String version = MultiLayerNetwork.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }

    /** The commit of a working tree and whether tracked files differ from it. */
    record GitState(String commit, Boolean dirty) {
        static final GitState NONE = new GitState(null, null);

        static GitState of(Path dir) {
            String head = git(dir, "rev-parse", "HEAD");
            if (head == null || !head.strip().matches("[0-9a-f]{40,64}")) {
                return NONE;
            }
            // Neither untracked files (data/) nor the committed results/ that runs rewrite change
            // what the code computes; without the exclusion every experiment after the first of a
            // `make reproduce` would call its checkout dirty.
            String status = git(dir, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)results");
            return new GitState(head.strip(), status == null ? null : !status.isBlank());
        }

        /** Output of a git command, or null when git is missing, fails, or hangs. */
        private static String git(Path dir, String... args) {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            return CommandOutput.of(dir, 10, command);
        }
    }
}
