package org.repro4j.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repro4j.spec.ToleranceSpec;

/**
 * One experiment's measures from a run beside the published ones: for each, whether the value is
 * identical, within its tolerance or drifted beyond it, and, separately, where it lies against the
 * band its spec gives.
 *
 * @param id          the experiment
 * @param unavailable why nothing could be compared (no published result, or one of another mode), else null
 * @param rows        one per measure, the run's order, then the published measures the run no longer has
 */
public record Verification(String id, String unavailable, List<Row> rows) {

    public Verification {
        rows = List.copyOf(rows);
    }

    /** How a measure compares with its published value. */
    public enum Verdict {
        IDENTICAL("identical"), WITHIN("within tolerance"), DRIFTED("DRIFTED"), TIMING("timing (not compared)"),
        UNPUBLISHED("no published value"), GONE("no longer measured");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Where the run's value lies against the spec's band. */
    public enum BandVerdict {
        NONE("-"), INSIDE("inside"), EXPLAINED("outside, explained"), OUTSIDE("OUTSIDE, unexplained");

        private final String label;

        BandVerdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static BandVerdict of(Measure m) {
            if (m == null || m.within() == null) {
                return NONE;
            }
            return m.within() ? INSIDE : m.note() != null ? EXPLAINED : OUTSIDE;
        }
    }

    /**
     * @param published the published value, or null when there is none
     * @param now       this run's value, or null for a measure it no longer has
     * @param band      the spec's band of this run's value, or null
     */
    public record Row(String measure, Double published, Double now, Tolerance tolerance, Verdict verdict,
                      BandVerdict bandVerdict, Measure.Band band) {
    }

    /**
     * Compares a run's summary with the published one.
     *
     * @param published  the published summary, or null when there is none
     * @param tolerances the spec's widened tolerances
     */
    public static Verification of(Summary published, Summary now, List<ToleranceSpec> tolerances) {
        String unavailable = null;
        if (published == null) {
            unavailable = "no published result";
        } else if (!mode(published).equals(mode(now))) {
            unavailable = "the published result is a " + mode(published) + " run and this one a " + mode(now) + " run";
        }
        Map<String, Measure> before = unavailable == null ? published.measures() : Map.of();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Measure> e : now.measures().entrySet()) {
            String key = e.getKey();
            Measure m = e.getValue();
            Tolerance tolerance = Tolerance.of(key, tolerances);
            Measure old = before.get(key);
            Verdict verdict;
            if (old == null) {
                verdict = Verdict.UNPUBLISHED;
            } else if (tolerance.kind() == MeasureKind.TIMING) {
                verdict = Verdict.TIMING;
            } else if (Double.compare(old.measured(), m.measured()) == 0) {
                verdict = Verdict.IDENTICAL;
            } else {
                verdict = tolerance.allows(old.measured(), m.measured()) ? Verdict.WITHIN : Verdict.DRIFTED;
            }
            rows.add(new Row(key, old == null ? null : old.measured(), m.measured(), tolerance, verdict,
                    BandVerdict.of(m), m.band()));
        }
        Set<String> gone = new LinkedHashSet<>(before.keySet());
        gone.removeAll(now.measures().keySet());
        for (String key : gone) {
            rows.add(new Row(key, before.get(key).measured(), null, Tolerance.of(key, tolerances), Verdict.GONE,
                    BandVerdict.NONE, null));
        }
        return new Verification(now.id(), unavailable, rows);
    }

    /** What makes this experiment fail a run: {@link #drifted()}, then measures outside their band unexplained. */
    public List<String> failures() {
        List<String> out = new ArrayList<>(drifted());
        for (Row r : rows) {
            if (r.bandVerdict() == BandVerdict.OUTSIDE) {
                out.add(id + " " + r.measure() + " = " + VerifyTable.value(r.measure(), r.now()) + " is outside its band ["
                        + VerifyTable.value(r.measure(), r.band().lo()) + ", " + VerifyTable.value(r.measure(), r.band().hi())
                        + "] and its spec gives no explanation (a note on that reference)");
            }
        }
        return out;
    }

    /** The measures that drifted beyond their tolerance, one line each with both values. */
    public List<String> drifted() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.verdict() == Verdict.DRIFTED) {
                out.add(id + " " + r.measure() + " drifted: published " + VerifyTable.value(r.measure(), r.published())
                        + ", now " + VerifyTable.value(r.measure(), r.now()) + " (" + r.tolerance().delta(r.published(), r.now())
                        + "; tolerance " + r.tolerance().describe() + ")");
            }
        }
        return out;
    }

    private static String mode(Summary s) {
        Provenance p = s.provenance();
        return p == null || p.recipe() == null || p.recipe().mode() == null ? "full" : p.recipe().mode();
    }
}
