package org.repro4j.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.repro4j.report.Provenance;
import org.repro4j.report.Summary;
import org.repro4j.spec.ResolvedSearch;
import org.repro4j.spec.SearchSpecLoader;
import org.repro4j.train.CodeHash;
import org.repro4j.train.ExperimentStatus;

/**
 * Whether a search's results ({@code results/search/<name>/}) are what {@code make search} would
 * produce now: the search spec, code and data files their provenance records are today's, as
 * {@link ExperimentStatus} checks an experiment's. Reads nothing but the spec and the summary.
 *
 * @param stale why the results are not current (empty when they are)
 */
public record SearchStatus(String name, List<String> stale) {

    public SearchStatus {
        stale = List.copyOf(stale);
    }

    public boolean current() {
        return stale.isEmpty();
    }

    /** @param resultsRoot the folder that holds one folder per search (e.g. {@code results/search}) */
    public static SearchStatus of(Path specFile, Path resultsRoot) {
        ResolvedSearch search = SearchSpecLoader.resolve(specFile);
        String name = search.spec().name();
        Provenance.Recipe now = new Provenance.Recipe(CodeHash.current(), "full",
                SearchReport.dataFiles(search.spec(), specFile), Map.of());
        Path summary = resultsRoot.resolve(name).resolve(Summary.FILE_NAME);
        return new SearchStatus(name, ExperimentStatus.staleBecause(summary, search.sha256(), List.of(search.spec().seed()), now));
    }
}
