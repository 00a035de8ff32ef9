package org.repro4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.data.ImageShape;
import org.repro4j.report.Charts;
import org.repro4j.report.MetricRow;
import org.repro4j.report.WeightImages;
import org.repro4j.spec.Figure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The figures a spec asks for: learning curves per setting, and the first layer's weights as images. */
final class TrainingFigures {
    private static final String[] CIFAR_CLASSES = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck"};

    private TrainingFigures() {
    }

    static void draw(ExperimentContext ctx, SettingHistory history) throws IOException {
        if (ctx.spec.figures().contains(Figure.CURVES)) {
            curves(ctx, history);
        }
        if (ctx.spec.figures().contains(Figure.WEIGHTS) && ctx.spec.network().layers().size() == 1) {
            weights(ctx, history);
        }
        if (ctx.spec.figures().contains(Figure.LOSSES)) {
            losses(ctx, history);
        }
        if (ctx.spec.figures().contains(Figure.TRUE_CLASS_HISTOGRAM)) {
            trueClassHistograms(ctx, history);
        }
        ComparisonFigures.draw(ctx, history);
    }

    /** Training and validation loss of every run in one chart, to compare losses side by side. */
    private static void losses(ExperimentContext ctx, SettingHistory history) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        for (String run : history.settings()) {
            for (Charts.Series s : panel(history, run, "", "loss", MetricRow::loss).series()) {
                series.add(new Charts.Series((run.isEmpty() ? "" : run + ", ") + s.name(), s.x(), s.y()));
            }
        }
        Charts.lines(ctx.outDir.resolve("losses.png"), ctx.spec.title() + ": loss", "epoch", "loss", series);
        ctx.figure("losses.png", "Training and validation loss per epoch of every setting (first seed)");
    }

    /**
     * The probability each trained network gives the true class of each test image, split into
     * correctly and wrongly classified images.
     */
    private static void trueClassHistograms(ExperimentContext ctx, SettingHistory history) throws IOException {
        int i = 0;
        for (String run : history.settings()) {
            TrialResult.TrueClass test = history.first(run).testTrueClass();
            if (test == null) {
                continue;
            }
            List<Double> right = new ArrayList<>();
            List<Double> wrong = new ArrayList<>();
            for (int n = 0; n < test.probability().length; n++) {
                (test.correct()[n] ? right : wrong).add(test.probability()[n]);
            }
            String file = "true-class-probability" + (history.settings().size() > 1 ? "-" + (++i) : "") + ".png";
            Charts.histograms(ctx.outDir.resolve(file), "Probability of the true class" + (run.isEmpty() ? "" : " (" + run + ")"),
                    "probability given to the true class",
                    List.of(new Charts.HistogramSeries("correctly classified", right.stream().mapToDouble(Double::doubleValue).toArray()),
                            new Charts.HistogramSeries("wrongly classified", wrong.stream().mapToDouble(Double::doubleValue).toArray())),
                    20, 0, 1);
            ctx.figure(file, "Histogram of the probability given to the true class on the test set, correct vs wrong predictions"
                    + (run.isEmpty() ? "" : " (" + run + ")"));
        }
    }

    private static void curves(ExperimentContext ctx, SettingHistory history) throws IOException {
        List<Charts.Panel> panels = new ArrayList<>();
        for (String run : history.settings()) {
            String label = run.isEmpty() ? "" : run + ": ";
            panels.add(panel(history, run, label + "loss", "loss", MetricRow::loss));
            panels.add(panel(history, run, label + "cost", "cost", MetricRow::cost));
            panels.add(panel(history, run, label + "accuracy", "accuracy", MetricRow::accuracy));
        }
        ctx.figure("curves.png", "Loss, cost and accuracy per epoch (first seed), training vs validation");
        Charts.grid(ctx.outDir.resolve("curves.png"), ctx.spec.title(), panels, 3);
    }

    private static Charts.Panel panel(SettingHistory h, String run, String title, String y, ToDoubleFunction<MetricRow> value) {
        List<Charts.Series> series = new ArrayList<>();
        for (String split : new String[]{"train", "val"}) {
            List<MetricRow> rows = h.rows(run).stream().filter(r -> r.split().equals(split)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] xs = rows.stream().mapToDouble(r -> (double) r.step() / h.stepsPerEpoch(run)).toArray();
            double[] ys = rows.stream().mapToDouble(value).toArray();
            series.add(new Charts.Series(split, xs, ys));
        }
        return new Charts.Panel(title, "epoch", y, series);
    }

    private static void weights(ExperimentContext ctx, SettingHistory history) throws IOException {
        ImageShape shape = ImageShape.ofInputs(ctx.spec.network().inputs());
        int i = 0;
        for (String run : history.settings()) {
            TrialResult.Matrix m = history.first(run).firstLayerWeights();
            INDArray w = Nd4j.create(m.values(), new long[]{m.rows(), m.columns()}, 'c');
            String[] labels = new String[(int) w.rows()];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = shape.isColour() ? CIFAR_CLASSES[k] : Integer.toString(k);
            }
            String file = "weights" + (history.settings().size() > 1 ? "-" + (++i) : "") + ".png";
            WeightImages.render(ctx.outDir.resolve(file), w, shape.channels(), shape.height(), shape.width(), labels, 3);
            ctx.figure(file, "Weights W after training, one image per class" + (run.isEmpty() ? "" : " (" + run + ")"));
        }
    }
}
