package org.repro4j.cli;

import org.repro4j.ReproException;
import org.repro4j.data.DataDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** The {@code repro} command: fetch data, list experiments, run them. */
@Command(name = "repro", mixinStandardHelpOptions = true, versionProvider = Repro.Version.class,
        description = {"Reproduces the tables and figures of five deep-learning Assignment 1 reports with Deeplearning4j.",
                "Start with 'repro data', then 'repro list' and 'repro run ID'."},
        subcommands = {DataCommand.class, ListCommand.class, RunCommand.class, PageCommand.class, CheckCommand.class,
                SearchCommand.class, StudyCommand.class, StatusCommand.class, DiffCommand.class, BackendCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Repro implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code: 0 ok, 1 failure, 2 bad input or usage. */
    public static int execute(String... args) {
        return execute(new CommandLine(new Repro()), args);
    }

    static int execute(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ReproException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The project folder: where {@code experiments/}, {@code data/} and {@code results/} live. */
    static Path home() {
        return Path.of(System.getProperty("repro.home", ".")).toAbsolutePath().normalize();
    }

    /** {@code --data-dir}, else {@code DATA_DIR}, else {@code <home>/data} ({@link DataDir}). */
    static Path dataDir(Path option) {
        return DataDir.resolve(option, home());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Repro.class.getPackage().getImplementationVersion();
            return new String[]{"repro4j " + (v == null ? "(development build)" : v) + " on Deeplearning4j 1.0.0-M2.1"};
        }
    }
}
