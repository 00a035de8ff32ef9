package org.repro4j.train;

import org.repro4j.report.MetricRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the figures need from an experiment's trials, per setting: the metric rows of every seed,
 * and of the first seed the steps per epoch and the arrays figures draw (trained weights, true-class
 * probabilities on the test split).
 */
final class SettingHistory {
    private final Map<String, List<MetricRow>> allRows = new LinkedHashMap<>();
    private final Map<String, TrialResult> firstSeed = new LinkedHashMap<>();
    private final Map<String, Long> firstSeedNumber = new LinkedHashMap<>();

    /** Adds a trial of a setting; the first trial added for a setting is its first seed. */
    void add(String setting, long seed, TrialResult trial, List<MetricRow> namedRows) {
        firstSeed.putIfAbsent(setting, trial);
        firstSeedNumber.putIfAbsent(setting, seed);
        allRows.computeIfAbsent(setting, k -> new ArrayList<>()).addAll(namedRows);
    }

    List<String> settings() {
        return new ArrayList<>(firstSeed.keySet());
    }

    /** The first seed's rows of a setting. */
    List<MetricRow> rows(String setting) {
        long seed = firstSeedNumber.get(setting);
        return allRows.getOrDefault(setting, List.of()).stream().filter(r -> r.seed() == seed).toList();
    }

    /** Every seed's rows of a setting. */
    List<MetricRow> allRows(String setting) {
        return allRows.getOrDefault(setting, List.of());
    }

    /** The first seed's trial of a setting. */
    TrialResult first(String setting) {
        return firstSeed.get(setting);
    }

    int stepsPerEpoch(String setting) {
        TrialResult t = firstSeed.get(setting);
        return t == null ? 1 : Math.max(1, t.stepsPerEpoch());
    }
}
