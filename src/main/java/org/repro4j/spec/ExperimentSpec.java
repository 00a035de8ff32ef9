package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One experiment: which report table or figure it reproduces, on what data, with which network
 * and training, what to measure, and the report's numbers to compare against.
 * Bound from {@code experiments/<id>.yaml}; see {@link SpecLoader} for validation.
 *
 * @param description what the experiment does, in our words, for the results page
 * @param kind    what the runner does: {@code train} (train and measure each run), {@code gradcheck},
 *                {@code derivatives}
 * @param runs    the settings (YAML key {@code runs}); each overrides keys of the base spec (dotted paths in {@code set})
 * @param seeds   one training per run and seed; headline measures are averaged over seeds
 * @param figures which figures to draw: {@code curves}, {@code weights}, and the comparisons of
 *                {@code org.repro4j.train.RunComparisonFigures}
 * @param derivatives for kind {@code derivatives}: the example and the hand-set parameters
 * @param tolerances  measures that a rerun may move further than their kind's default tolerance, and why
 * @param study       the seed study's seeds where not the default, and why (null: the default)
 */
public record ExperimentSpec(
        String id,
        String title,
        String report,
        String reproduces,
        Kind kind,
        String description,
        DataSpec data,
        NetworkSpec network,
        TrainingSpec training,
        MeasureSpec measure,
        List<Long> seeds,
        List<SettingSpec> runs,
        List<Figure> figures,
        List<String> deviations,
        ReferenceSpec reference,
        @JsonProperty("gradcheck") GradCheckSpec gradCheck,
        DerivativesSpec derivatives,
        List<ToleranceSpec> tolerances,
        StudySpec study) {

    public ExperimentSpec {
        seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
        runs = runs == null ? List.of() : List.copyOf(runs);
        figures = figures == null ? List.of() : List.copyOf(figures);
        deviations = deviations == null ? List.of() : List.copyOf(deviations);
        measure = measure == null ? MeasureSpec.DEFAULT : measure;
        reference = reference == null ? ReferenceSpec.NONE : reference;
        tolerances = tolerances == null ? List.of() : List.copyOf(tolerances);
    }
}
