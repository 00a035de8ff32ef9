package org.repro4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.spec.SearchSpecLoader;
import org.repro4j.train.CodeHash;

/**
 * {@code repro status} for searches: a search's results are current only while the spec, code and
 * data files their provenance records are today's. The provenance here is the committed one of
 * {@code dd2424-bonus-grid}, with its code hash set to this code's and then each fact changed in turn.
 */
class SearchStatusTest {
    private static final Path SPEC = Path.of("experiments/search/dd2424-bonus-grid.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;

    @Test
    void currentOnlyWhileSpecCodeAndDataAreTodays() throws IOException {
        assertEquals(List.of("no results"), SearchStatus.of(SPEC, results).stale());

        ObjectNode summary = (ObjectNode) JSON.readTree(Path.of("results/search/dd2424-bonus-grid/summary.json").toFile());
        ObjectNode provenance = (ObjectNode) summary.get("provenance");
        ObjectNode recipe = (ObjectNode) provenance.get("recipe");
        recipe.put("codeSha256", CodeHash.current());
        provenance.put("specSha256", SearchSpecLoader.resolve(SPEC).sha256());
        write(summary);
        SearchStatus current = SearchStatus.of(SPEC, results);
        assertTrue(current.current(), current.stale().toString());
        assertEquals("dd2424-bonus-grid", current.name());

        recipe.put("codeSha256", "0".repeat(64));
        provenance.put("specSha256", "1".repeat(64));
        ((ObjectNode) recipe.get("dataFiles")).put("cifar-10-batches-bin/test_batch.bin", "not its MD5");
        recipe.put("mode", "quick");
        write(summary);
        assertEquals(List.of("a quick run", "spec changed", "code changed", "data files changed"),
                SearchStatus.of(SPEC, results).stale());
    }

    private void write(ObjectNode summary) throws IOException {
        Path folder = results.resolve("dd2424-bonus-grid");
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve("summary.json").toFile(), summary);
    }
}
