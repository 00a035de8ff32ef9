package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.Git;
import org.repro4j.ReproException;

/** Results to compare with, from a folder or from the results/ of a git revision. */
class PublishedResultsTest {
    @TempDir
    Path home;

    private void write(String id, double acc) {
        Summary s = new Summary(id, "t", "r", "Table 1");
        s.measure("test_acc", acc, null, 1, null, null, null);
        try {
            Files.createDirectories(home.resolve("results").resolve(id));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s.write(home.resolve("results").resolve(id).resolve(Summary.FILE_NAME));
    }

    @Test
    void aFolderHoldsOneSummaryPerExperiment() throws Exception {
        write("a", 0.5);
        write("b", 0.6);
        Files.createDirectories(home.resolve("results/search/x"));
        PublishedResults folder = PublishedResults.of("results", home);
        assertEquals(List.of("a", "b"), folder.ids());
        assertEquals(0.6, folder.summary("b").measures().get("test_acc").measured());
        assertNull(folder.summary("c"));
    }

    @Test
    void aRevisionIsReadFromGitNotFromTheWorkingTree() {
        assumeTrue(Git.exitCode(home, "init", "-q") == 0, "git is not installed");
        write("a", 0.5);
        Git.run(home, "add", "results");
        Git.run(home, "commit", "-q", "-m", "first");
        write("a", 0.7);
        write("b", 0.6);
        Git.run(home, "add", "results");
        Git.run(home, "commit", "-q", "-m", "second");
        write("a", 0.9); // uncommitted

        PublishedResults head = PublishedResults.head(home);
        assertTrue(head.describe().startsWith("HEAD ("), head.describe());
        assertEquals(List.of("a", "b"), head.ids());
        assertEquals(0.7, head.summary("a").measures().get("test_acc").measured());
        PublishedResults first = PublishedResults.of("HEAD~1", home);
        assertEquals(List.of("a"), first.ids());
        assertEquals(0.5, first.summary("a").measures().get("test_acc").measured());
        assertNull(first.summary("b"));
        assertEquals(0.9, PublishedResults.of("results", home).summary("a").measures().get("test_acc").measured(),
                "a folder that exists is the folder, not a revision");
    }

    @Test
    void neitherAFolderNorARevisionIsAClearError() {
        ReproException e = assertThrows(ReproException.class, () -> PublishedResults.of("no-such-thing", home));
        assertTrue(e.getMessage().contains("'no-such-thing' is neither a folder of results nor a git revision"), e.getMessage());
        assertNull(PublishedResults.head(home), "not a git checkout: nothing published");
    }
}
