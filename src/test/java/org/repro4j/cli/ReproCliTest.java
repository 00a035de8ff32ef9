package org.repro4j.cli;

import org.junit.jupiter.api.Test;
import org.repro4j.TestData;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproCliTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Repro());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = Repro.execute(cli, args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Result r = run("--help");
        assertEquals(0, r.code);
        for (String sub : new String[]{"data", "list", "run"}) {
            assertTrue(r.out.contains(sub), r.out);
        }
    }

    /** The usage of a subcommand, option descriptions joined into one line each. */
    private static String usage(String command) {
        CommandLine cli = new CommandLine(new Repro()).getSubcommands().get(command);
        StringBuilder out = new StringBuilder();
        cli.getCommandSpec().options().forEach(o -> out.append(o.longestName()).append(": ")
                .append(String.join(" ", o.description())).append('\n'));
        return out.toString();
    }

    @Test
    void theSharedOptionsKeepEachCommandsHelpText() {
        // One declaration per option (the mixins), each command's own words where they said more than the others.
        String run = usage("run");
        String search = usage("search");
        String study = usage("study");
        assertTrue(run.contains("--jobs: Trials trained at once (default: one per core; make reproduce JOBS=N). Results are the"
                + " same bit for bit whatever N is.\n"), run);
        assertTrue(run.contains("--no-cache: Train every trial, never taking one trained before from target/trials (by default"), run);
        assertTrue(run.contains("--executor: Where trials train: local (this machine's cores, the default) or spark"), run);
        assertTrue(run.contains("--master: The Spark master for --executor spark: spark://HOST:PORT"), run);
        assertTrue(run.contains("--results: Results folder (default: under ./results, or target/quick-results with --quick)\n"), run);
        assertTrue(search.contains("--executor: Where candidates train: local (this JVM"), search);
        assertTrue(search.contains("--master: The Spark master for --executor spark (make MASTER=URL)\n"), search);
        assertTrue(study.contains("--jobs: Trials trained at once (default: one per core)\n"), study);
        assertTrue(study.contains("--no-cache: Train every trial, never taking one trained before from target/trials\n"), study);
        assertTrue(study.contains("--executor: Where trials train: local (the default) or spark (a Spark cluster, --master; the"
                + " Spark build, make EXECUTOR=spark)\n"), study);
        assertTrue(study.contains("--results: Results folder (default: ./results); the study goes to its study/ folder\n"), study);
        for (String text : new String[]{run, search, study}) {
            assertTrue(text.contains("--data-dir: Data folder (default: $DATA_DIR, else ./data)\n"), text);
        }
        assertTrue(usage("bench").contains("--results: Results folder (default: under ./results, or target/quick-results with"
                + " --quick)\n"), usage("bench"));
        for (String command : new String[]{"page", "check", "status"}) {
            assertTrue(usage(command).contains("--results: Results folder (default: ./results)\n"), usage(command));
        }
    }

    @Test
    void unknownExperimentIsAClearError() {
        Result r = run("run", "no-such-experiment");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("Unknown experiment 'no-such-experiment'") && r.err.contains("repro list"), r.err);
    }

    @Test
    void badJobCountIsRefused() {
        Result r = run("run", "--jobs", "0", "dd2424-hagglund-ce");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--jobs must be at least 1, got 0"), r.err);
    }

    @Test
    void badSeedCountIsRefused() {
        Result r = run("run", "--seeds", "0", "dd2424-hagglund-ce");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--seeds"), r.err);
    }

    @Test
    void missingDataDirSaysRunMakeData() {
        // --no-cache: a trial stored by an earlier QUICK run of this id would need no data.
        Result r = run("run", "--quick", "--no-cache", "--data-dir", "/nonexistent/data", "--results", "target/test-cli-results",
                "dd2424-hagglund-ce");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("make data"), r.err);
    }

    /** The default build has no Spark executor: asking for it names the build that has; a master alone is refused. */
    @Test
    void aClusterExecutorNeedsItsBuildAndAMaster() {
        Result spark = run("run", "--quick", "--no-cache", "--executor", "spark", "--master", "local[2]",
                "--results", "target/test-cli-results", "vu-q3");
        assertEquals(2, spark.code);
        assertTrue(spark.err.contains("make build EXECUTOR=spark"), spark.err);
        Result noMaster = run("run", "--quick", "--executor", "spark", "vu-q3");
        assertEquals(2, noMaster.code);
        assertTrue(noMaster.err.contains("--master"), noMaster.err);
        Result masterAlone = run("run", "--quick", "--master", "spark://127.0.0.1:7077", "vu-q3");
        assertEquals(2, masterAlone.code);
        assertTrue(masterAlone.err.contains("--executor spark"), masterAlone.err);
    }

    /** The data tests look where 'repro data' (so 'make data', which passes $DATA_DIR, else ./data) writes. */
    @Test
    void testsLookForTheDataWhereReproDataPutsIt() {
        assertEquals(Repro.dataDir(null).toAbsolutePath().normalize(), TestData.dir());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("run").code);
    }
}
