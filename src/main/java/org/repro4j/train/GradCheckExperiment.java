package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.repro4j.data.Splits;
import org.repro4j.model.GradientComparison;
import org.repro4j.model.NetworkFactory;
import org.repro4j.model.ParamGradientStats;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.GradCheckSpec;
import org.repro4j.spec.L2Convention;
import org.repro4j.spec.ResolvedExperiment;
import org.repro4j.spec.TrainingSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code gradcheck} kind: DL4J's analytic gradient of the cost against central differences,
 * in double precision, with weights and biases drawn large (as the DD2424 report did) so that
 * absolute differences are meaningful.
 */
final class GradCheckExperiment implements ExperimentKind {
    /** Seven statistics of each layer's W and b (the layer's number left out of the name). */
    @Override
    public Set<String> measures(ResolvedExperiment experiment) {
        Set<String> names = new LinkedHashSet<>();
        for (String p : List.of("W", "b")) {
            for (String stat : List.of("max_abs_diff", "mean_abs_diff", "std_abs_diff", "max_rel_error", "grad_min", "grad_max", "grad_std")) {
                names.add(stat + "." + p);
            }
        }
        return names;
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        GradCheckSpec g = ctx.spec.gradCheck();
        DataSpec d = ctx.spec.data();
        DataSpec asDouble = new DataSpec(d.protocol(), d.digits(), "double", d.seed());
        Splits data = Splits.loadTraining(asDouble, ctx.options.dataDir(), ctx.options.quick());
        int n = Math.min(g.examples(), data.train().numExamples());
        DataSet batch = new DataSet(data.inputs(data.train(), 0, n),
                data.train().getLabels().get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup());
        data.release(); // only this batch is used: free the rest of the double-precision split now

        List<String> lines = new ArrayList<>();
        for (long seed : ctx.seeds) {
            MultiLayerNetwork net = network(ctx, g, seed);
            List<ParamGradientStats> stats = GradientComparison.compare(net, batch, g.h());
            for (ParamGradientStats s : stats) {
                String p = s.key().replaceFirst("^\\d+_", "");
                ctx.measure("max_abs_diff." + p, s.maxAbsDiff());
                ctx.measure("mean_abs_diff." + p, s.meanAbsDiff());
                ctx.measure("std_abs_diff." + p, s.stdAbsDiff());
                ctx.measure("max_rel_error." + p, s.maxRelError());
                ctx.measure("grad_min." + p, s.gradMin());
                ctx.measure("grad_max." + p, s.gradMax());
                ctx.measure("grad_std." + p, s.gradStd());
                lines.add(String.format(Locale.ROOT,
                        "seed %d, %s (%d values): |analytic - numerical| mean %.2e, std %.2e, max %.2e; "
                                + "max relative error %.2e; gradient min %.3g, max %.3g, std %.3g",
                        seed, s.key(), s.count(), s.meanAbsDiff(), s.stdAbsDiff(), s.maxAbsDiff(), s.maxRelError(),
                        s.gradMin(), s.gradMax(), s.gradStd()));
            }
        }
        lines.forEach(ctx.log::println);
        Files.write(ctx.outDir.resolve("gradcheck.txt"), lines);
        ctx.note(String.format(Locale.ROOT, "%d training examples, h = %.0e, lambda = %s, weights and biases from N(0, %s^2), double precision.",
                n, g.h(), g.lambda(), g.initStd()));
    }

    private static MultiLayerNetwork network(ExperimentContext ctx, GradCheckSpec g, long seed) {
        TrainingSpec cost = new TrainingSpec("sgd", 1.0, null, new TrainingSpec.L2Spec(g.lambda(), L2Convention.SUM_W2),
                g.examples(), 1, false, false, null, null);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(ctx.spec.network(), cost, DataType.DOUBLE, seed));
        net.init();
        // DL4J starts biases at a constant; the report drew them from the same large Gaussian as W.
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < net.getnLayers(); i++) {
            var b = net.getLayer(i).getParam("b");
            b.assign(Nd4j.randn(DataType.DOUBLE, b.shape()).muli(g.initStd()));
        }
        return net;
    }
}
