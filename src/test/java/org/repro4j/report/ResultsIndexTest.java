package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsIndexTest {
    @TempDir
    Path root;

    @Test
    void listsEachExperimentOnceSortedById() throws Exception {
        Summary b = new Summary("vu-e1", "MNIST MLP, learning rate 0.01", "vu-dl-a1-tan.txt", "Experiment 1");
        b.measure("val_acc", 0.9734, null, 1, 0.912, new double[] {0.95, 0.98}, null);
        b.headline("val_acc");
        Files.createDirectories(root.resolve("vu-e1"));
        b.write(root.resolve("vu-e1").resolve(Summary.FILE_NAME));

        Summary a = SummaryTest.sample();
        Files.createDirectories(root.resolve("dd2424-abadi-t1"));
        a.write(root.resolve("dd2424-abadi-t1").resolve(Summary.FILE_NAME));

        // Not experiments: a staged run, a folder without summary, a damaged summary.
        Files.createDirectories(root.resolve(".tmp-vu-e2-abc"));
        Files.writeString(root.resolve(".tmp-vu-e2-abc").resolve(Summary.FILE_NAME), "{}");
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("zz-broken"));
        Files.writeString(root.resolve("zz-broken").resolve(Summary.FILE_NAME), "not json");

        ResultsIndex.write(root);
        List<String> rows = Files.readAllLines(root.resolve(ResultsIndex.FILE_NAME)).stream()
                .filter(l -> l.startsWith("| ["))
                .toList();

        assertEquals(3, rows.size(), String.join("\n", rows));
        assertEquals("| [dd2424-abadi-t1](dd2424-abadi-t1/) | Four settings of a softmax classifier "
                + "| `test_acc.lambda=0.1,eta=0.001` | 41.02 ± 0.31% (n=5) | 41.00% | inside | - | 2025-01-02 |", rows.get(0));
        assertEquals("| [vu-e1](vu-e1/) | MNIST MLP, learning rate 0.01 | `val_acc` | 97.34% | 91.20% | inside | - | - |",
                rows.get(1));
        assertTrue(rows.get(2).startsWith("| [zz-broken](zz-broken/) | summary.json unreadable"), rows.get(2));
        assertFalse(Files.list(root).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                "no temp file left from the atomic write");
    }

    @Test
    void emptyRootSaysNothingRanYet() throws Exception {
        ResultsIndex.write(root);
        assertTrue(Files.readString(root.resolve("README.md")).contains("No experiment has been run yet."));
    }

    @Test
    void indexGetsTheSamePermissionsAsAnOrdinaryNewFile() throws Exception {
        assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"));
        ResultsIndex.write(root);
        Path ordinary = Files.writeString(root.resolve("ordinary.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(ordinary),
                Files.getPosixFilePermissions(root.resolve(ResultsIndex.FILE_NAME)));
    }
}
