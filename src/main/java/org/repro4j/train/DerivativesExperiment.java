package org.repro4j.train;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.model.GradientComparison;
import org.repro4j.model.NetworkFactory;
import org.repro4j.model.ParamGradientStats;
import org.repro4j.spec.DerivativesSpec.LayerValues;
import org.repro4j.spec.DerivativesSpec;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.ResolvedExperiment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code derivatives} kind: builds the spec's network in double precision, sets its
 * parameters to the hand-given values, and does one forward and backward pass on one example.
 * Every derivative of the loss is a measure, named after the derivation's symbols with 1-based
 * indices ({@code dV[2,1]}: row 2, column 1 of V's derivative). DL4J's backprop is cross-checked
 * against central differences of the same loss.
 */
final class DerivativesExperiment implements ExperimentKind {
    /** Central-difference step of the cross-check. */
    private static final double STEP = 1e-6;

    /** Named after the spec's own parameter names; known once computed. */
    @Override
    public Set<String> measures(ResolvedExperiment experiment) {
        return null;
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        DerivativesSpec d = ctx.spec.derivatives();
        MultiLayerNetwork net = network(ctx.spec.network(), d);
        DataSet example = example(d, net.getOutputLayer().getParam("b").length());
        Derivatives result = compute(net, example, d);

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "loss = %.6f", result.loss()));
        ctx.measure("loss", result.loss());
        for (Map.Entry<String, INDArray> e : result.byName().entrySet()) {
            lines.add("d" + e.getKey() + " = " + format(e.getValue()));
            double[][] values = e.getValue().toDoubleMatrix();
            for (int r = 0; r < values.length; r++) {
                for (int c = 0; c < values[r].length; c++) {
                    ctx.measure(entryName(e.getKey(), e.getValue(), r, c), values[r][c]);
                }
            }
        }
        double maxDiff = 0;
        for (ParamGradientStats s : GradientComparison.compare(net, example, STEP)) {
            maxDiff = Math.max(maxDiff, s.maxAbsDiff());
        }
        ctx.measure("max_abs_diff_numerical", maxDiff);
        lines.add(String.format(Locale.ROOT, "largest |DL4J backprop - central difference (h = %.0e)| = %.2e", STEP, maxDiff));
        lines.forEach(ctx.log::println);
        Files.write(ctx.outDir.resolve("derivatives.txt"), lines);
        ctx.note("One example, x = " + d.input() + ", class " + d.target() + "; double precision. Derivatives are of the "
                + "example's loss; indices are 1-based, rows are inputs and columns units (W[i,j] connects input i to unit j).");
    }

    /** The loss and the derivative of each named parameter, as matrices (a bias is one row). */
    record Derivatives(double loss, Map<String, INDArray> byName) {
    }

    /** One forward and backward pass; the gradient of a single example needs no batch averaging. */
    static Derivatives compute(MultiLayerNetwork net, DataSet example, DerivativesSpec d) {
        net.setInput(example.getFeatures());
        net.setLabels(example.getLabels());
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        Map<String, INDArray> byName = new LinkedHashMap<>();
        for (int i = 0; i < d.layers().size(); i++) {
            LayerValues v = d.layers().get(i);
            byName.put(v.weightsName(), g.getGradientFor(i + "_W").dup());
            byName.put(v.biasName(), g.getGradientFor(i + "_b").reshape(1, -1).dup());
        }
        return new Derivatives(net.score(), byName);
    }

    /** The spec's network, in double precision, with the spec's parameter values. */
    static MultiLayerNetwork network(NetworkSpec spec, DerivativesSpec d) {
        // The seed only drives the initialisation, which the given values replace.
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec, null, DataType.DOUBLE, 0L));
        net.init();
        for (int i = 0; i < d.layers().size(); i++) {
            LayerValues v = d.layers().get(i);
            double[][] w = v.weights().stream().map(row -> row.stream().mapToDouble(Double::doubleValue).toArray())
                    .toArray(double[][]::new);
            net.getLayer(i).setParam("W", Nd4j.create(w).castTo(DataType.DOUBLE));
            INDArray bias = net.getLayer(i).getParam("b");
            bias.assign(Nd4j.create(v.bias().stream().mapToDouble(Double::doubleValue).toArray()).reshape(bias.shape()));
        }
        return net;
    }

    static DataSet example(DerivativesSpec d, long classes) {
        INDArray x = Nd4j.create(d.input().stream().mapToDouble(Double::doubleValue).toArray(), new long[]{1, d.input().size()});
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 1, classes);
        y.putScalar(0, d.target(), 1.0);
        return new DataSet(x.castTo(DataType.DOUBLE), y);
    }

    private static String entryName(String name, INDArray m, int r, int c) {
        // A bias is one row: index it by its unit only.
        return m.rows() == 1 ? String.format(Locale.ROOT, "d%s[%d]", name, c + 1)
                : String.format(Locale.ROOT, "d%s[%d,%d]", name, r + 1, c + 1);
    }

    private static String format(INDArray m) {
        StringBuilder sb = new StringBuilder("[");
        double[][] v = m.toDoubleMatrix();
        for (int r = 0; r < v.length; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < v[r].length; c++) {
                sb.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v[r][c]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
