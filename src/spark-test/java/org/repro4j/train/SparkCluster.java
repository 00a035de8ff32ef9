package org.repro4j.train;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and one worker (none for 0 cores), each its own JVM started
 * from this JVM's class path (the Maven jars), with {@code SPARK_HOME} a folder of this test's whose {@code jars/} is
 * empty (executors take their classes from {@code spark.executor.extraClassPath}) or holds links to the jars of a Spark
 * installation (executors take the rest from the application jar that spark-submit serves).
 * {@link #close} stops both, and the executors the worker started, by process id.
 */
final class SparkCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path folder;
    private final Path home;
    private final Path local;
    private final int masterPort;
    private Process worker;

    SparkCluster(Path folder, int workerCores) throws IOException, InterruptedException {
        this(folder, workerCores, List.of());
    }

    /** A cluster whose {@code SPARK_HOME/jars} links to {@code installation}, the jars executors start from. */
    SparkCluster(Path folder, int workerCores, List<Path> installation) throws IOException, InterruptedException {
        this.folder = folder;
        this.home = Files.createDirectories(folder.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (int i = 0; i < installation.size(); i++) { // numbered: two groups may publish jars of one name
            Path jar = installation.get(i);
            Files.createSymbolicLink(jars.resolve(i + "-" + jar.getFileName()), jar.toAbsolutePath());
        }
        this.local = Files.createDirectories(folder.resolve("local"));
        masterPort = freePort();
        try {
            start(folder.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
            awaitPort(masterPort, 60);
            if (workerCores > 0) {
                startWorker(workerCores);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a worker (after {@link #killWorker}, a new one) with that many cores. */
    void startWorker(int cores) throws IOException {
        int n = processes.size();
        Path work = Files.createDirectories(folder.resolve("work-" + n));
        worker = start(folder.resolve("worker-" + n + ".log"), "org.apache.spark.deploy.worker.Worker", url(),
                "--cores", String.valueOf(cores), "--memory", "4g", "--host", "127.0.0.1",
                "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString());
    }

    /** Kills the worker and the executor JVMs it started at once (SIGKILL), as a machine that fails would. */
    void killWorker() throws InterruptedException {
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The master's URL, for {@code --master}. */
    String url() {
        return "spark://127.0.0.1:" + masterPort;
    }

    private Process start(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getenv(SparkExecutor.JAVA_OPTIONS_VARIABLE).trim().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_DIRS", local.toString());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + port + " within " + seconds + " s");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
