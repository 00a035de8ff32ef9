package org.repro4j.bench;

import org.repro4j.data.Splits;
import org.repro4j.report.MetricRow;
import org.repro4j.report.MetricsCsv;
import org.repro4j.report.Provenance;
import org.repro4j.report.Summary;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.Kind;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.SpecLoader;
import org.repro4j.spec.TrainingSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The arithmetic of a whole {@code make reproduce}, counted from the results it wrote, and the least
 * time it could take: each experiment's trainings and evaluations in FLOPs at the measured sgemm
 * peak of one core, beside the seconds of work its summary records (its trials' training on one
 * worker each and its own assembly); the whole suite also at the peak of every core.
 *
 * <p>Counted per trial, each trial once, in the first experiment by id that uses it, as a run
 * counts its seconds. Training: the updates its {@code steps} measure records, each a forward
 * product, a weight-gradient product and an input-gradient product for every layer but the first
 * (the step floor of this benchmark). Evaluation: one forward pass over a split for every distinct
 * curve point of the trial in any experiment's {@code metrics.csv} (a trial measures the curves that
 * all its experiments ask for, each experiment lists its own), plus the passes every trial makes
 * besides: each split untrained, each split at the end, and the test split once more for the
 * true-class histogram. Split sizes come from the data itself.
 */
record SuiteFloor(List<Row> rows, double gflopsPerCore, int cores) {

    /**
     * One experiment.
     *
     * @param trials          trials counted in it (those an experiment before it uses are counted there)
     * @param trainGflop      its trainings' arithmetic
     * @param evalGflop       its evaluations' arithmetic
     * @param measuredSeconds the seconds of work its summary records, or null
     */
    record Row(String id, int trials, double trainGflop, double evalGflop, Double measuredSeconds) {
        double gflop() {
            return trainGflop + evalGflop;
        }
    }

    /** Seconds the arithmetic takes at the peak of one core. */
    double floorSeconds(double gflop) {
        return gflop / gflopsPerCore;
    }

    /**
     * Counts every experiment with results in {@code resultsDir}.
     *
     * @param gflopsPerCore the measured float32 sgemm peak of one core
     */
    static SuiteFloor count(Path experimentsDir, Path resultsDir, Path dataDir, double gflopsPerCore, int cores) {
        List<Counted> experiments = new ArrayList<>();
        Map<String, Set<List<Object>>> curvePoints = new HashMap<>();
        for (Path specFile : specFiles(experimentsDir)) {
            ResolvedExperiment experiment = SpecLoader.resolve(specFile);
            Path summaryFile = resultsDir.resolve(experiment.id()).resolve(Summary.FILE_NAME);
            if (Files.isRegularFile(summaryFile)) {
                Summary summary = Summary.read(summaryFile);
                List<MetricRow> metrics = experiment.spec().kind() == Kind.TRAIN
                        ? MetricsCsv.read(resultsDir.resolve(experiment.id()).resolve(MetricsCsv.FILE_NAME)) : List.of();
                Counted counted = new Counted(experiment, summary);
                experiments.add(counted);
                for (MetricRow r : metrics) {
                    String hash = counted.trialHash(r.setting(), r.seed());
                    if (hash != null) {
                        curvePoints.computeIfAbsent(hash, h -> new HashSet<>()).add(List.of(r.split(), r.epoch(), r.step()));
                    }
                }
            }
        }
        Map<DataSpec, int[]> sizes = new HashMap<>();
        Set<String> counted = new HashSet<>();
        List<Row> rows = new ArrayList<>();
        for (Counted c : experiments) {
            Summary summary = c.summary();
            Double seconds = summary.provenance() == null ? null : summary.provenance().wallSeconds();
            if (c.experiment().spec().kind() != Kind.TRAIN || summary.provenance() == null || summary.provenance().recipe() == null) {
                rows.add(new Row(c.experiment().id(), 0, 0, 0, seconds));
                continue;
            }
            int trials = 0;
            double train = 0;
            double eval = 0;
            for (ResolvedExperiment.Setting setting : c.experiment().settings()) {
                ExperimentSpec s = setting.spec();
                int[] n = sizes.computeIfAbsent(s.data(), d -> sizes(d, dataDir));
                double macs = s.network().forwardMultiplyAdds();
                Double steps = measured(summary, "steps", setting.name());
                for (long seed : summary.provenance().seeds()) {
                    String hash = c.trialHash(setting.name(), seed);
                    if (hash == null || !counted.add(hash)) {
                        continue;
                    }
                    trials++;
                    train += trainExamples(s.training(), n[0], steps) * BenchCase.flopsPerExample(s.network()) / 1e9;
                    double passes = n[0] + n[1] + n[2]; // untrained
                    passes += n[0] + n[1] + n[2] + n[2]; // at the end, and the true-class pass over test
                    for (List<Object> point : curvePoints.getOrDefault(hash, Set.of())) {
                        passes += switch ((String) point.get(0)) {
                            case "train" -> n[0];
                            case "val" -> n[1];
                            case "test" -> n[2];
                            default -> 0; // train_running: the steps' own scores, no extra pass
                        };
                    }
                    eval += passes * 2 * macs / 1e9;
                }
            }
            rows.add(new Row(c.experiment().id(), trials, train, eval, seconds));
        }
        return new SuiteFloor(rows, gflopsPerCore, cores);
    }

    /** An experiment with results, and the trial that gave each of its settings' seeds. */
    private record Counted(ResolvedExperiment experiment, Summary summary) {
        String trialHash(String setting, long seed) {
            if (summary.provenance() == null || summary.provenance().recipe() == null) {
                return null;
            }
            return summary.provenance().recipe().trials().get(Provenance.Recipe.trialName(setting, seed));
        }
    }

    /** Examples trained on: {@code steps} updates of full batches and a short last batch per epoch, or the spec's epochs. */
    static double trainExamples(TrainingSpec t, int trainSize, Double steps) {
        int perEpoch = t.dropLast() ? trainSize / t.batchSize() : (trainSize + t.batchSize() - 1) / t.batchSize();
        int examplesPerEpoch = t.dropLast() ? perEpoch * t.batchSize() : trainSize;
        if (steps == null || perEpoch == 0) {
            return (double) t.epochs() * examplesPerEpoch;
        }
        long done = Math.round(steps);
        return (double) (done / perEpoch) * examplesPerEpoch + (double) (done % perEpoch) * t.batchSize();
    }

    private static Double measured(Summary summary, String metric, String setting) {
        var m = summary.measures().get(Summary.measureKey(metric, setting));
        return m == null ? null : m.measured();
    }

    /** Examples in train, val and test (0 for a split the protocol lacks), from the data itself. */
    private static int[] sizes(DataSpec data, Path dataDir) {
        Splits s = Splits.load(data, dataDir, false);
        try {
            return new int[] {count(s.train()), count(s.val()), count(s.test())};
        } finally {
            s.release();
        }
    }

    private static int count(org.nd4j.linalg.dataset.DataSet d) {
        return d == null ? 0 : d.numExamples();
    }

    private static List<Path> specFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the experiments in " + dir, e);
        }
    }
}
