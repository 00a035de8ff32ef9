package org.repro4j.search;

import au.com.bytecode.opencsv.CSVReader;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.ReproException;
import org.repro4j.report.Summary;
import org.repro4j.spec.ResolvedSearch;
import org.repro4j.spec.SearchSpecLoader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search machinery on a synthetic objective (no network, no data): the model is the
 * candidate's values and its score says how close the learning rate is to 0.01.
 */
class SearchRunnerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    /** 3 x 3 x 2 = 18 candidates. */
    private static final String GRID = """
              training.learning_rate: {values: [0.001, 0.01, 0.1], scale: log}
              training.batch_size: {values: [32, 64, 128]}
              training.epochs: {integers: [1, 2]}
            """;

    @TempDir
    Path dir;

    /** Records every call; fails the training of candidates with learning rate 0.1, gives NaN scores to batch size 128. */
    private static final class Objective implements CandidateTrainer {
        final List<Map<String, Object>> calls = Collections.synchronizedList(new ArrayList<>());
        Consumer<Map<String, Object>> before = v -> {
        };

        @Override
        public Object train(Map<String, Object> values, DataProvider data) throws CandidateFailure {
            calls.add(values);
            before.accept(values);
            if ((Double) values.get("training.learning_rate") == 0.1) {
                throw new CandidateFailure("boom at " + values);
            }
            return values;
        }
    }

    private static final class Closeness implements ScoreFunction {
        @Override
        public double score(Object model, DataProvider data, Map<String, Object> dataParameters) {
            Map<?, ?> values = (Map<?, ?>) model;
            if (values.get("training.batch_size").equals(128)) {
                return Double.NaN;
            }
            return 1 - Math.abs(Math.log10((Double) values.get("training.learning_rate")) + 2) / 10;
        }

        @Override
        public double score(Object model, Class<? extends DataSource> dataSource, Properties properties) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean minimize() {
            return false;
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() {
            return List.of(Map.class);
        }

        @Override
        public List<Class<?>> getSupportedDataTypes() {
            return List.of(Object.class);
        }
    }

    private static final DataProvider NO_DATA = new DataProvider() {
        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            return null;
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return null;
        }

        @Override
        public Class<?> getDataType() {
            return Object.class;
        }
    };

    private Path specFile(String generator, String settings, String parameters) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SearchTestSpecs.search("s", generator, settings, parameters));
        return f;
    }

    private Path run(Path specFile, CandidateTrainer objective, boolean fresh) {
        ResolvedSearch spec = SearchSpecLoader.resolve(specFile);
        SearchRunner.Engine engine = new SearchRunner.Engine(objective, new Closeness(), NO_DATA, best -> Map.of());
        return SearchRunner.run(spec, new SearchOptions(dir, dir.resolve("results"), false, fresh, QUIET), engine);
    }

    private static List<String[]> csv(Path folder) throws IOException {
        try (Reader r = Files.newBufferedReader(folder.resolve(SearchReport.CANDIDATES_CSV)); CSVReader csv = new CSVReader(r)) {
            List<String[]> rows = csv.readAll();
            return rows.subList(1, rows.size());
        }
    }

    private Path journal() {
        return SearchJournal.fileFor(dir.resolve("results"), "s");
    }

    @Test
    void aGridTrainsEveryCandidateOnceAndRecordsFailuresWithoutStopping() throws IOException {
        Objective objective = new Objective();
        Path out = run(specFile("grid", "", GRID), objective, false);

        assertEquals(18, objective.calls.size());
        assertEquals(18, new HashSet<>(objective.calls).size(), "no candidate twice");
        List<String[]> rows = csv(out);
        assertEquals(18, rows.size());
        // Columns: index, status, lr, batch, epochs, val_acc, seconds, reason.
        for (String[] row : rows) {
            boolean thrown = row[2].equals("0.1");
            boolean nan = row[3].equals("128");
            String expected = thrown || nan ? "failed" : "completed";
            assertEquals(expected, row[1], String.join(",", row));
            if (thrown) {
                assertTrue(row[7].startsWith("boom at"), row[7]);
            } else if (nan) {
                assertTrue(row[7].startsWith("diverged"), row[7]);
            } else {
                assertFalse(row[5].isEmpty());
            }
        }
        Summary s = Summary.read(out.resolve("summary.json"));
        assertEquals(0.01, s.measures().get("best.training.learning_rate").measured());
        assertEquals(1.0, s.measures().get("val_acc.best").measured());
        assertEquals(8, s.measures().get("candidates.completed").measured());
        assertEquals(10, s.measures().get("candidates.failed").measured());
        assertTrue(Files.readString(out.resolve("README.md")).contains("| 1 (chosen) |"));
        assertTrue(Files.isRegularFile(out.resolve("score-vs-learning_rate.png")));
        assertTrue(Files.isRegularFile(dir.resolve("results/README.md")), "the index of searches");
        assertFalse(Files.exists(journal()), "the journal goes once the results are written");
    }

    @Test
    void anInterruptedSearchResumesWithoutTrainingFinishedCandidatesAgain() throws IOException {
        Path spec = specFile("grid", "", GRID);
        Path saved = dir.resolve("journal-after-4");
        Objective first = new Objective();
        // What a crash during the fifth candidate leaves: the journal of the first four, and half a line.
        first.before = v -> {
            if (first.calls.size() == 5) {
                try {
                    Files.copy(journal(), saved);
                    Files.writeString(saved, "{\"index\":4,\"values\":{\"training.lear", java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        List<String[]> uninterrupted = csv(run(spec, first, false));
        Files.copy(saved, journal(), StandardCopyOption.REPLACE_EXISTING);

        Objective second = new Objective();
        List<String[]> resumed = csv(run(spec, second, false));

        assertEquals(first.calls.subList(4, 18), second.calls, "only the candidates the journal did not hold");
        assertEquals(18, resumed.size());
        for (int i = 0; i < 18; i++) {
            String[] a = uninterrupted.get(i);
            String[] b = resumed.get(i);
            assertEquals(List.of(a).subList(0, 6), List.of(b).subList(0, 6), "candidate " + i);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(uninterrupted.get(i)[6], resumed.get(i)[6], "recorded times are kept for resumed candidate " + i);
        }
    }

    @Test
    void aJournalOfAnotherSpecVersionIsRefusedUnlessFresh() throws IOException {
        Path spec = specFile("grid", "", GRID);
        Files.createDirectories(journal().getParent());
        Files.writeString(journal(), "{\"journal\":\"repro4j-search-journal\",\"search\":\"s\",\"spec_sha256\":\"0\"}\n");
        String m = assertThrows(ReproException.class, () -> run(spec, new Objective(), false)).getMessage();
        assertTrue(m.contains(journal().toString()) && m.contains("--fresh"), m);
        Objective objective = new Objective();
        run(spec, objective, true);
        assertEquals(18, objective.calls.size());
    }

    @Test
    void aRandomSearchStopsAtItsCandidateBudget() throws IOException {
        Objective objective = new Objective();
        Path out = run(specFile("random", "max_candidates: 5", """
                  training.learning_rate: {log_uniform: [0.001, 0.05]}
                  training.batch_size: {values: [32, 64]}
                """), objective, false);
        assertEquals(5, objective.calls.size());
        assertEquals(5, csv(out).size());
    }

    @Test
    void theTimeBudgetStopsStartingCandidates() throws IOException {
        Objective objective = new Objective();
        objective.before = v -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Path out = run(specFile("grid", "max_minutes: 0.02", GRID), objective, false);
        int n = csv(out).size();
        assertTrue(n >= 1 && n < 18, "a 1.2 s budget at 0.3 s a candidate stops early: " + n);
        assertEquals(objective.calls.size(), n, "every started candidate is recorded");
    }

    @Test
    void parallelCandidatesEachRunOnce() throws IOException {
        Objective objective = new Objective();
        Path out = run(specFile("grid", "threads: 2", GRID), objective, false);
        assertEquals(18, new HashSet<>(objective.calls).size());
        assertEquals(18, objective.calls.size());
        assertEquals(18, csv(out).size());
    }

    /** A bug of our own (not a failed training) stops the search at once; what finished stays in the journal. */
    @Test
    void aBugInTheTrainerStopsTheSearchAndKeepsTheJournal() throws IOException {
        Objective objective = new Objective();
        objective.before = v -> {
            if (objective.calls.size() == 3) {
                throw new NullPointerException("a bug");
            }
        };
        Path spec = specFile("grid", "", GRID);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(spec, objective, false));
        assertTrue(e.getMessage().contains("failed in repro4j's own code"), e.getMessage());
        assertTrue(e.getCause() instanceof NullPointerException, String.valueOf(e.getCause()));
        assertEquals(3, objective.calls.size(), "no candidate after the bug");
        assertFalse(Files.exists(dir.resolve("results/s")), "no results from a broken search");
        List<String> journalled = Files.readAllLines(journal());
        assertEquals(3, journalled.size(), "header and the two candidates before the bug: " + journalled);
    }

    @Test
    void aSearchWithoutACompletedCandidateFailsAndWritesNothing() throws IOException {
        CandidateTrainer failing = (values, data) -> {
            throw new CandidateTrainer.CandidateFailure("diverged at epoch " + values.get("training.epochs")
                    + ", step 3: training loss = NaN");
        };
        ReproException e = assertThrows(ReproException.class, () -> run(specFile("grid", "", GRID), failing, false));
        assertTrue(e.getMessage().contains("none of its 18 candidate(s) trained to a usable model"), e.getMessage());
        assertTrue(e.getMessage().contains("18 x diverged at epoch k, step s: training loss = NaN"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("results/s")), "nothing chosen, nothing written");
        assertFalse(Files.exists(journal()), "a rerun starts over instead of replaying the failures");
    }
}
