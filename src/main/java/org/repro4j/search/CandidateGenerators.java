package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.repro4j.spec.SearchSpec.Settings;

/**
 * Arbiter's grid or random generator for a search, capped at the candidate budget. The same
 * settings and seed always give the same candidates in the same order (the grid in sequential
 * order, the random search from a seeded generator), which is what lets a resumed search match
 * the candidates it recorded to the ones it generates again.
 */
final class CandidateGenerators {
    private CandidateGenerators() {
    }

    /**
     * @param cap at most this many candidates (the grid also stops at its size)
     */
    static CandidateGenerator create(Settings settings, SpecParameterSpace space, long seed, int cap) {
        CandidateGenerator inner;
        if ("grid".equals(settings.generator())) {
            inner = new GridSearchCandidateGenerator(space, settings.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
        } else {
            inner = new RandomSearchGenerator(space, null);
        }
        inner.setRngSeed(seed);
        return new Capped(inner, cap);
    }

    /** How many candidates the search runs at most: the grid's size and the spec's max_candidates, whichever is smaller. */
    static int budget(Settings settings, SpecParameterSpace space, int quickCap) {
        int cap = settings.maxCandidates() == null ? Integer.MAX_VALUE : settings.maxCandidates();
        if ("grid".equals(settings.generator())) {
            cap = Math.min(cap, new GridSearchCandidateGenerator(space, settings.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null).getTotalNumCandidates());
        }
        return Math.min(cap, quickCap);
    }

    /** Stops handing out candidates after {@code cap}; Arbiter's random generator never runs out by itself. */
    private static final class Capped implements CandidateGenerator {
        private final CandidateGenerator inner;
        private final int cap;
        private int issued;

        Capped(CandidateGenerator inner, int cap) {
            this.inner = inner;
            this.cap = cap;
        }

        @Override
        public synchronized boolean hasMoreCandidates() {
            return issued < cap && inner.hasMoreCandidates();
        }

        @Override
        public synchronized Candidate getCandidate() {
            issued++;
            return inner.getCandidate();
        }

        @Override
        public void reportResults(OptimizationResult result) {
            inner.reportResults(result);
        }

        @Override
        public ParameterSpace<?> getParameterSpace() {
            return inner.getParameterSpace();
        }

        @Override
        public void setRngSeed(long seed) {
            inner.setRngSeed(seed);
        }

        @Override
        public Class<?> getCandidateType() {
            return inner.getCandidateType();
        }
    }
}
