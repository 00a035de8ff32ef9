package org.repro4j.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.repro4j.spec.ReferenceSpec;

/**
 * One number a report prints, judged against the spread of faithful runs (the seed study): the number, the
 * interval its printed digits stand for, the runs' values and {@link SeedSpread}, and the verdict.
 *
 * <p>A real-valued measure is consistent when the printed interval meets the 95% prediction interval for one more
 * run. A count (a stop epoch, a number of steps) has no useful normal approximation: it is consistent when the
 * printed interval meets the range of the runs, and {@code percentile} says where the report's value lies among them.
 * Outside either way, a {@code note} on the spec's reference explains it, or nothing does.
 *
 * @param printed     the decimals the report printed the number with
 * @param printedLo   lower end of what the printed number means (included)
 * @param printedHi   upper end (excluded)
 * @param values      the measure in each run, in seed order (NaN where a run diverged)
 * @param discrete    whether the measure is a count, judged by the range of the runs
 * @param percentile  for a count, where the report's value lies among the runs (mid-rank, %); else null
 * @param explanation the spec's note on this reference, shown when outside; null when there is none
 * @param band        the hand-set band of the spec, kept as a documented reference; null when there is none
 */
@JsonPropertyOrder({"measure", "verdict", "reported", "printed", "printedLo", "printedHi", "spread", "discrete", "percentile",
        "band", "explanation", "values"})
public record Claim(String measure, double reported, int printed, double printedLo, double printedHi, List<Double> values,
                    SeedSpread spread, boolean discrete, Double percentile, Verdict verdict, String explanation,
                    Measure.Band band) {

    public Claim {
        values = List.copyOf(values);
    }

    /** How a reported number stands against the faithful runs. */
    public enum Verdict {
        CONSISTENT("consistent"), EXPLAINED("outside, explained"), UNEXPLAINED("OUTSIDE, unexplained");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Judges the report's number for {@code measure} against {@code values}, one per faithful run.
     *
     * @param reference the spec's reference entry, with a value
     */
    public static Claim judge(String measure, ReferenceSpec.Value reference, List<Double> values) {
        if (reference.value() == null) {
            throw new IllegalArgumentException(measure + ": the report gives no number to judge");
        }
        double[] printed = reference.printedInterval();
        SeedSpread spread = SeedSpread.of(values);
        boolean discrete = MeasureKind.of(measure) == MeasureKind.COUNT;
        double lo = discrete ? spread.min() : spread.predictionLo();
        double hi = discrete ? spread.max() : spread.predictionHi();
        // Both closed here: a printed interval's open end only matters at a single point, which no run hits exactly.
        boolean meets = spread.n() > 0 && printed[0] <= hi && lo <= printed[1];
        Verdict verdict = meets ? Verdict.CONSISTENT : reference.note() != null ? Verdict.EXPLAINED : Verdict.UNEXPLAINED;
        return new Claim(measure, reference.value(), reference.printed(), printed[0], printed[1], values, spread, discrete,
                discrete ? SeedSpread.percentile(values, reference.value()) : null, verdict, reference.note(),
                Measure.Band.of(reference.bandArray()));
    }
}
