package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;

class ResultsDirTest {
    @TempDir
    Path root;

    private List<String> entries() throws Exception {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void run(String id, String content) throws Exception {
        try (ResultsDir dir = ResultsDir.stage(root, id)) {
            Files.writeString(dir.path().resolve("summary.json"), content);
            dir.commit();
        }
    }

    @Test
    void stagesUnderATemporaryNameAndCommitsIntoPlace() throws Exception {
        try (ResultsDir dir = ResultsDir.stage(root, "exp-1")) {
            assertTrue(dir.path().getFileName().toString().matches("\\.tmp-exp-1-[a-z0-9]+"), dir.path().toString());
            assertTrue(Files.isDirectory(dir.path()));
            Files.writeString(dir.path().resolve("summary.json"), "new");
            assertFalse(Files.exists(root.resolve("exp-1")), "nothing visible before commit");
            dir.commit();
            assertEquals(root.resolve("exp-1").toAbsolutePath().normalize(), dir.finalPath());
            assertThrows(IllegalStateException.class, dir::commit);
        }
        assertEquals(List.of("exp-1"), entries());
        assertEquals("new", Files.readString(root.resolve("exp-1/summary.json")));
    }

    @Test
    void commitReplacesThePreviousResultsWhole() throws Exception {
        run("exp", "old");
        Files.writeString(root.resolve("exp/old-only.png"), "x");
        run("exp", "new");
        assertEquals(List.of("exp"), entries(), "no .old or .tmp folder left");
        assertEquals("new", Files.readString(root.resolve("exp/summary.json")));
        assertFalse(Files.exists(root.resolve("exp/old-only.png")), "files of the old run are gone");
    }

    @Test
    void interruptedRunLeavesPreviousResultsAndNoTempFolder() throws Exception {
        run("exp", "old");
        assertThrows(IllegalStateException.class, () -> {
            try (ResultsDir dir = ResultsDir.stage(root, "exp")) {
                Files.writeString(dir.path().resolve("summary.json"), "half");
                throw new IllegalStateException("training diverged");
            }
        });
        assertEquals(List.of("exp"), entries());
        assertEquals("old", Files.readString(root.resolve("exp/summary.json")));
    }

    @Test
    void crashBetweenTheTwoRenamesIsRepairedByTheNextStage() throws Exception {
        // Old results moved aside, new ones never moved in, process killed: as commit() leaves them.
        Files.createDirectories(root.resolve(".old-exp-k3j2"));
        Files.writeString(root.resolve(".old-exp-k3j2/summary.json"), "old");
        Files.createDirectories(root.resolve(".tmp-exp-9x8y"));
        // Another id whose name starts the same must be left alone.
        Files.createDirectories(root.resolve(".old-exp-b-1a"));

        try (ResultsDir dir = ResultsDir.stage(root, "exp")) {
            assertEquals("old", Files.readString(root.resolve("exp/summary.json")), "old results restored");
            List<String> entries = entries();
            assertEquals(3, entries.size(), entries.toString());
            assertEquals(".old-exp-b-1a", entries.get(0));
            assertEquals(dir.path().getFileName().toString(), entries.get(1), "only the new staged folder");
            assertEquals("exp", entries.get(2));
        }
        assertEquals(List.of(".old-exp-b-1a", "exp"), entries());
    }

    @Test
    void crashAfterTheSecondRenameLeavesOnlyStaleOldResults() throws Exception {
        run("exp", "new");
        Files.createDirectories(root.resolve(".old-exp-k3j2"));
        Files.writeString(root.resolve(".old-exp-k3j2/summary.json"), "old");
        try (ResultsDir ignored = ResultsDir.stage(root, "exp")) {
            assertEquals("new", Files.readString(root.resolve("exp/summary.json")), "newer results kept");
            assertFalse(entries().contains(".old-exp-k3j2"));
        }
    }

    @Test
    void rejectsIdsThatAreNotSafeFolderNames() {
        for (String id : new String[] {"", "../x", "a/b", ".hidden", "a b"}) {
            assertThrows(ReproException.class, () -> ResultsDir.stage(root, id), id);
        }
    }

    /** A separate JVM stages a folder and is then stopped with SIGTERM, as Ctrl-C would. */
    @Test
    void shutdownHookDeletesAnUncommittedFolder() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StageAndWait.class.getName(), root.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String staged = out.readLine();
            assertTrue(staged != null && Files.isDirectory(Path.of(staged)), "child staged " + staged);
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child stopped");
            assertFalse(Files.exists(Path.of(staged)), "staged folder deleted by the shutdown hook");
            assertEquals(List.of(), entries());
        } finally {
            child.destroyForcibly();
        }
    }

    /** Child process of {@link #shutdownHookDeletesAnUncommittedFolder}. */
    static final class StageAndWait {
        public static void main(String[] args) throws Exception {
            ResultsDir dir = ResultsDir.stage(Path.of(args[0]), "killed");
            Files.writeString(dir.path().resolve("metrics.csv"), "partial");
            System.out.println(dir.path());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
