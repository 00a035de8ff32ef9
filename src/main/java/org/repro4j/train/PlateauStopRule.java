package org.repro4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.repro4j.ReproException;

/**
 * The TDT4265 early-stopping rule: stop once the validation loss has not improved for
 * {@code patience} checks, i.e. once at least {@code patience + 1} losses are recorded and the
 * oldest of the last {@code patience + 1} is their minimum.
 *
 * <p>"Is their minimum" follows the course code, {@code min(window) == window[0]} in Python:
 * a later loss only counts as an improvement when it is strictly smaller, so a tie with the
 * oldest loss stops training. NaN behaves as in Python's {@code min}: a NaN oldest loss never
 * stops (NaN equals nothing), and a later NaN is never smaller than anything.
 */
public final class PlateauStopRule {
    private final int patience;
    private final List<Double> history = new ArrayList<>();

    /** @param patience checks without improvement that end training (10 in the course) */
    public PlateauStopRule(int patience) {
        if (patience < 1) {
            throw new ReproException("PlateauStopRule: patience must be >= 1, got " + patience
                    + "; the course uses 10.");
        }
        this.patience = patience;
    }

    /**
     * Records one validation loss.
     *
     * @return true when training should stop now
     */
    public boolean record(double valLoss) {
        history.add(valLoss);
        int window = patience + 1;
        if (history.size() < window) {
            return false;
        }
        List<Double> last = history.subList(history.size() - window, history.size());
        double oldest = last.get(0);
        // Same scan as Python's min(): replace only on a strictly smaller value.
        double min = oldest;
        for (double loss : last) {
            if (loss < min) {
                min = loss;
            }
        }
        return oldest == min;
    }

    public int patience() {
        return patience;
    }

    /** All losses recorded so far, oldest first. */
    public List<Double> history() {
        return Collections.unmodifiableList(history);
    }
}
