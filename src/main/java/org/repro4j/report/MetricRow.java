package org.repro4j.report;

import java.util.Objects;

/**
 * One line of {@code metrics.csv}: what was measured on one split at one point of one trial.
 * A quantity that was not measured is NaN (written as an empty field).
 *
 * @param setting      the setting's name within the experiment, e.g. {@code lambda=0.1,eta=0.001}
 * @param seed         the trial's seed
 * @param epoch        epoch number (the caller's convention, e.g. 0 = before training)
 * @param step         global step (updates so far)
 * @param split        {@code train}, {@code val} or {@code test}
 * @param loss         mean data loss
 * @param cost         loss plus regularisation
 * @param accuracy     fraction correct, in [0, 1]
 * @param learningRate learning rate in force at this point
 * @param wallSeconds  seconds since the trial started
 */
public record MetricRow(String setting, long seed, int epoch, long step, String split, double loss,
        double cost, double accuracy, double learningRate, double wallSeconds) implements java.io.Serializable {

    public MetricRow {
        requireOneLine(setting, "setting");
        requireOneLine(split, "split");
    }

    /** The same row under another setting's name (a trial shared by several settings or experiments). */
    public MetricRow withSetting(String name) {
        return new MetricRow(name, seed, epoch, step, split, loss, cost, accuracy, learningRate, wallSeconds);
    }

    /** Line breaks would need multi-line CSV records, which many readers get wrong. */
    private static void requireOneLine(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must not contain line breaks or control characters: '"
                    + value.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
