package org.repro4j.train;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Lists each seed's early-stopping epoch on the results page, where the table only has their mean
 * and standard deviation: with shuffling the stop depends on the batch order, and the spread is the
 * point of comparison with a report's single run.
 */
final class StopEpochNote {
    private StopEpochNote() {
    }

    static void add(ExperimentContext ctx) {
        for (Map.Entry<String, List<Double>> e : ctx.measured().entrySet()) {
            List<Double> v = e.getValue();
            if (!e.getKey().startsWith("stop_epoch") || v.size() < 2 || v.size() != ctx.seeds.size()) {
                continue;
            }
            String perSeed = IntStream.range(0, v.size())
                    .mapToObj(i -> "seed " + ctx.seeds.get(i) + ": " + Math.round(v.get(i)))
                    .collect(Collectors.joining(", "));
            ctx.note("Early-stopping epoch per seed, `" + e.getKey() + "`: " + perSeed + ".");
        }
    }
}
