/**
 * Turns a finished run into files under {@code results/}.
 *
 * <p>One experiment owns one folder, {@code results/<id>/}, written through {@link
 * org.repro4j.report.ResultsDir} so that a crashed or interrupted run never leaves half a folder
 * behind. A folder holds:
 * <ul>
 *   <li>{@code summary.json} ({@link org.repro4j.report.Summary}): the measured values beside
 *       the report's values and bands, deviations, and {@link org.repro4j.report.Provenance};</li>
 *   <li>{@code metrics.csv} ({@link org.repro4j.report.MetricsCsv}): one row per logged
 *       step/epoch and split;</li>
 *   <li>PNG figures ({@link org.repro4j.report.Charts}, {@link org.repro4j.report.WeightImages});</li>
 *   <li>{@code README.md} ({@link org.repro4j.report.ResultsPage}), the page a person reads.</li>
 * </ul>
 * {@link org.repro4j.report.ResultsIndex} lists all experiments in {@code results/README.md}.
 *
 * <p>Conventions: accuracies are stored as fractions in [0, 1] (pages show them as percentages);
 * a measure key is {@code <metric>.<setting>}, e.g. {@code test_acc.lambda=0.1,eta=0.001}, and
 * a metric name containing {@code acc} marks an accuracy.
 */
package org.repro4j.report;
