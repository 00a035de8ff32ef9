package org.repro4j.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.Init;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.TrainingSpec;

/**
 * What a seed varies in an experiment's settings, read from their specs: the initial weights unless they start at
 * zero, the batch order where training shuffles, the draws of each augmentation. Where settings differ, each says
 * its own; a setting whose seed varies nothing gives the same run for every seed.
 */
final class Randomness {
    private Randomness() {
    }

    /** One line per group of settings that vary the same things ("all settings: initial weights, batch order"). */
    static List<String> of(ResolvedExperiment experiment) {
        Map<String, List<String>> bySources = new LinkedHashMap<>();
        for (ResolvedExperiment.Setting s : experiment.settings()) {
            bySources.computeIfAbsent(describe(sources(s.spec())), k -> new ArrayList<>()).add(s.name());
        }
        if (bySources.size() == 1) {
            return List.of(bySources.keySet().iterator().next());
        }
        List<String> lines = new ArrayList<>();
        bySources.forEach((sources, settings) -> lines.add(String.join(", ", settings) + ": " + sources));
        return lines;
    }

    static List<String> sources(ExperimentSpec spec) {
        List<String> sources = new ArrayList<>();
        if (spec.network() != null && spec.network().weightInit() != null
                && spec.network().weightInit().distribution() != Init.ZEROS) {
            sources.add("initial weights");
        }
        TrainingSpec training = spec.training();
        if (training != null && training.shuffle()) {
            sources.add("batch order");
        }
        if (training != null) {
            for (TrainingSpec.AugmentSpec a : training.augment()) {
                sources.add(a.type() + " draws");
            }
        }
        return sources;
    }

    private static String describe(List<String> sources) {
        return sources.isEmpty() ? "nothing (every seed gives the same run)" : String.join(", ", sources);
    }
}
