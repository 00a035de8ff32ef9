package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.spec.SearchSpec;
import org.repro4j.spec.SearchSpecLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arbiter's generators over a search spec's space: what a grid and a random search hand out. */
class CandidateGenerationTest {
    @TempDir
    Path dir;

    private SearchSpec spec(String generator, String budget) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SearchTestSpecs.search("s", generator, budget, """
                  training.learning_rate: {log_uniform: [0.001, 1.0]}
                  training.batch_size: {values: [32, 64, 128]}
                  training.epochs: {integers: [1, 3]}
                """));
        return SearchSpecLoader.load(f);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> draw(SearchSpec s, long seed, int cap) {
        SpecParameterSpace space = SpecParameterSpace.of(s.parameters());
        CandidateGenerator g = CandidateGenerators.create(s.search(), space, seed, cap);
        List<Map<String, Object>> out = new ArrayList<>();
        while (g.hasMoreCandidates()) {
            out.add((Map<String, Object>) g.getCandidate().getValue());
        }
        return out;
    }

    @Test
    void gridCoversEveryPointOnce() throws IOException {
        SearchSpec s = spec("grid", "grid_points: 4");
        List<Map<String, Object>> all = draw(s, 1, Integer.MAX_VALUE);
        assertEquals(4 * 3 * 3, all.size());
        Set<List<Object>> points = new HashSet<>();
        Set<Long> decades = new HashSet<>();
        for (Map<String, Object> c : all) {
            double lr = (Double) c.get("training.learning_rate");
            // Four log-spaced points from 1e-3 to 1: 1e-3, 1e-2, 1e-1, 1.
            double log = Math.log10(lr);
            assertEquals(Math.round(log), log, 1e-9, "log-spaced grid point " + lr);
            decades.add(Math.round(log));
            points.add(List.of(Math.round(log), c.get("training.batch_size"), c.get("training.epochs")));
        }
        assertEquals(Set.of(-3L, -2L, -1L, 0L), decades);
        assertEquals(all.size(), points.size(), "no point twice");
        for (long d : decades) {
            for (int b : new int[]{32, 64, 128}) {
                for (int e = 1; e <= 3; e++) {
                    assertTrue(points.contains(List.of(d, b, e)), "missing " + d + "," + b + "," + e);
                }
            }
        }
        assertEquals(36, CandidateGenerators.budget(s.search(), SpecParameterSpace.of(s.parameters()), Integer.MAX_VALUE));
    }

    @Test
    void randomSearchRespectsBoundsAndTheLogScale() throws IOException {
        SearchSpec s = spec("random", "max_candidates: 3000");
        List<Map<String, Object>> all = draw(s, 7, 3000);
        assertEquals(3000, all.size());
        int[] perDecade = new int[3];
        Set<Object> batches = new HashSet<>();
        Set<Object> epochs = new HashSet<>();
        for (Map<String, Object> c : all) {
            double lr = (Double) c.get("training.learning_rate");
            assertTrue(lr >= 0.001 && lr <= 1.0, "in bounds: " + lr);
            perDecade[Math.min(2, (int) Math.floor(Math.log10(lr) + 3))]++;
            batches.add(c.get("training.batch_size"));
            int e = (Integer) c.get("training.epochs");
            assertTrue(e >= 1 && e <= 3, "integer in bounds: " + e);
            epochs.add(e);
        }
        // Log-uniform: a third per decade. Uniform on [0.001, 1] would put 90% in the top decade.
        for (int n : perDecade) {
            assertEquals(1000, n, 100, "draws per decade " + java.util.Arrays.toString(perDecade));
        }
        assertEquals(Set.of(32, 64, 128), batches);
        assertEquals(Set.of(1, 2, 3), epochs);
    }

    @Test
    void theSameSeedGivesTheSameCandidates() throws IOException {
        SearchSpec s = spec("random", "max_candidates: 10");
        assertEquals(draw(s, 3, 10), draw(s, 3, 10));
        assertNotEquals(draw(s, 3, 10), draw(s, 4, 10));
    }

    @Test
    void theCandidateBudgetCapsBothGenerators() throws IOException {
        assertEquals(5, draw(spec("random", "max_candidates: 5"), 1, 5).size());
        SearchSpec grid = spec("grid", "max_candidates: 7");
        assertEquals(7, CandidateGenerators.budget(grid.search(), SpecParameterSpace.of(grid.parameters()), Integer.MAX_VALUE));
    }
}
