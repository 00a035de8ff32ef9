package org.repro4j.train;

import java.lang.ref.Reference;

import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.repro4j.data.RowOps;

/**
 * Loss, cost and accuracy of a network on a whole split, without touching its parameters.
 *
 * <p>The split is evaluated in blocks of {@link #BLOCK_ROWS} rows, each a matrix product, and every
 * array a block needs lives in one ND4J workspace that the next block reuses. Why: ND4J frees an
 * array's native memory only when the garbage collector collects its Java object, and training
 * allocates so little on the Java heap that collections are rare; evaluating whole splits after
 * every epoch left gigabytes of dead native arrays waiting for one (bench/NOTES.md, memory).
 */
public final class Evaluator {
    /** Rows per block: large enough for efficient matrix products, small enough to stay a few MB. */
    static final int BLOCK_ROWS = 1024;

    private static final Blas FLOAT_BLAS = LeanSgdStep.unavailableReason() == null ? Blas.forType(DataType.FLOAT) : null;
    private static final Blas DOUBLE_BLAS = FLOAT_BLAS == null ? null : Blas.forType(DataType.DOUBLE);

    private static final String WORKSPACE = "repro-evaluate";
    private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private Evaluator() {
    }

    /**
     * One forward pass: the output layer's pre-activation gives both the loss (through the layer's
     * own loss function, as DL4J's score does) and the predictions. DL4J's {@code score} followed by
     * {@code output} would run the network twice, which on the large splits costs as much as an epoch
     * of training. Loss = the examples' losses summed in double / their number (DL4J's average,
     * which sums in the array's type: the two agree to float rounding);
     * cost = loss + the network's regularisation score, i.e. the quantity SGD minimises.
     */
    public static SplitMetrics evaluate(MultiLayerNetwork net, DataSet data) {
        return evaluate(net, data, null);
    }

    /**
     * @param normalizer applied to each block of rows before the network sees it (the CIFAR-10
     *                   z-score, see {@code Splits}); null when the features are the inputs
     */
    public static SplitMetrics evaluate(MultiLayerNetwork net, DataSet data, DataNormalization normalizer) {
        return evaluate(net, data, normalizer, BLOCK_ROWS);
    }

    static SplitMetrics evaluate(MultiLayerNetwork net, DataSet data, DataNormalization normalizer, int blockRows) {
        int last = net.getnLayers() - 1;
        BaseOutputLayer<?> out = (BaseOutputLayer<?>) net.getLayer(last);
        INDArray features = data.getFeatures();
        long n = features.rows();
        return blockwise(net, data, blockRows, (from, to) -> {
            INDArray x = rows(features, from, to, n);
            if (normalizer != null) {
                x = RowOps.standardize(x.dup('c'), normalizer);
            }
            INDArray input = x;
            for (int l = 0; l < last; l++) {
                BaseLayer<?> hidden = (BaseLayer<?>) net.getLayer(l);
                input = hidden.layerConf().getActivationFn().getActivation(preOutput(hidden, input), false);
            }
            return preOutput(out, input);
        });
    }

    /** The output layer's pre-activations for rows {@code from} (inclusive) to {@code to} of a split. */
    @FunctionalInterface
    private interface PreOutputs {
        INDArray rows(long from, long to);
    }

    /**
     * A split's loss, cost and accuracy from its output layer's pre-activations, block by block in the
     * evaluation's workspace: the loss and the hits summed over the blocks, the regularisation added once.
     */
    private static SplitMetrics blockwise(MultiLayerNetwork net, DataSet data, int blockRows, PreOutputs preOutputs) {
        BaseOutputLayer<?> out = (BaseOutputLayer<?>) net.getLayer(net.getnLayers() - 1);
        ILossFunction lossFn = out.layerConf().getLossFn();
        IActivation activation = out.layerConf().getActivationFn();
        INDArray labels = data.getLabels();
        long n = labels.rows();
        double summedLoss = 0;
        double hits = 0;
        double regularisation;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
            regularisation = net.calcRegularizationScore(true);
        }
        for (long from = 0; from < n; from += blockRows) {
            long to = Math.min(n, from + blockRows);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
                INDArray preOutput = preOutputs.rows(from, to);
                INDArray y = rows(labels, from, to, n);
                summedLoss += sum(lossFn.computeScoreArray(y, preOutput.dup(), activation, null));
                hits += correct(activation.getActivation(preOutput, false), y);
            }
        }
        double loss = summedLoss / n;
        return new SplitMetrics(loss, loss + regularisation, hits / n);
    }

    /**
     * x W for every network of a cohort on a whole split, side by side: [n, width], network k's
     * columns from k * its slot's columns ({@link CohortSgdStep}); each block of rows normalised
     * once and multiplied once for all of them. Each column is what {@link #product} gives for its
     * network alone, bit for bit, where OpenBLAS's kernels compute a column the same way at any width
     * ({@code CohortTest}). The caller closes the array.
     */
    static INDArray cohortProducts(CohortSgdStep cohort, DataSet data, DataNormalization normalizer) {
        INDArray features = data.getFeatures();
        long n = features.rows();
        int nIn = (int) features.columns();
        int width = cohort.width();
        Blas blas = Blas.forType(features.dataType());
        INDArray products;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            products = Nd4j.create(features.dataType(), new long[]{n, width}, 'c');
        }
        for (long from = 0; from < n; from += BLOCK_ROWS) {
            long to = Math.min(n, from + BLOCK_ROWS);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
                INDArray x = rows(features, from, to, n);
                if (normalizer != null || !Blas.isDense(x, 'c')) {
                    x = x.dup('c');
                }
                if (normalizer != null) {
                    RowOps.standardize(x, normalizer);
                }
                INDArray target = products.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                blas.gemm(Blas.ROW_MAJOR, Blas.NO_TRANS, Blas.TRANS, (int) (to - from), width, nIn, 1.0, Blas.pointer(x), nIn,
                        cohort.parametersPointer(), nIn, 0.0, Blas.pointer(target), width);
                Reference.reachabilityFence(x);
                Reference.reachabilityFence(target);
            }
        }
        return products;
    }

    /**
     * What {@link #evaluate} gives for a one-layer network whose x W are the {@code nOut} columns of
     * {@code products} from {@code offset} ({@link #cohortProducts}).
     */
    static SplitMetrics evaluateColumns(MultiLayerNetwork net, DataSet data, INDArray products, int offset) {
        BaseOutputLayer<?> out = (BaseOutputLayer<?>) net.getLayer(0);
        INDArray b = out.getParam("b");
        long nOut = out.getParam("W").columns();
        return blockwise(net, data, BLOCK_ROWS, (from, to) -> {
            INDArray z = products.get(NDArrayIndex.interval(from, to), NDArrayIndex.interval(offset, offset + nOut)).dup('c');
            return b == null ? z : RowOps.addi(z, b);
        });
    }

    /**
     * For each example of a split, the probability the network gives its true class and whether its
     * most probable class is the true one: DL4J's {@code output}, computed block by block in the
     * evaluation's workspace. Why not {@code output} itself: its arrays are freed only when the
     * garbage collector finds them, and a cohort of 12 finishing at once left about 1.5 GB of them
     * (bench/NOTES.md, cohorts).
     */
    static TrialResult.TrueClass trueClass(MultiLayerNetwork net, DataSet data, DataNormalization normalizer) {
        int last = net.getnLayers() - 1;
        BaseOutputLayer<?> out = (BaseOutputLayer<?>) net.getLayer(last);
        INDArray features = data.getFeatures();
        long n = features.rows();
        long[] truth = data.getLabels().argMax(1).toLongVector();
        double[] probability = new double[(int) n];
        boolean[] correct = new boolean[(int) n];
        for (long from = 0; from < n; from += BLOCK_ROWS) {
            long to = Math.min(n, from + BLOCK_ROWS);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
                INDArray input = rows(features, from, to, n).dup('c');
                if (normalizer != null) {
                    RowOps.standardize(input, normalizer);
                }
                for (int l = 0; l < last; l++) {
                    BaseLayer<?> hidden = (BaseLayer<?>) net.getLayer(l);
                    input = hidden.layerConf().getActivationFn().getActivation(preOutput(hidden, input), false);
                }
                INDArray p = out.layerConf().getActivationFn().getActivation(preOutput(out, input), false);
                long[] predicted = p.argMax(1).toLongVector();
                for (long i = from; i < to; i++) {
                    probability[(int) i] = p.getDouble(i - from, truth[(int) i]);
                    correct[(int) i] = predicted[(int) (i - from)] == truth[(int) i];
                }
            }
        }
        return new TrialResult.TrueClass(probability, correct);
    }

    /** Argmax agreement; a single sigmoid output counts as class 1 when it is at least 0.5. */
    public static double accuracy(INDArray output, INDArray labels) {
        return correct(output, labels) / output.rows();
    }

    private static double correct(INDArray output, INDArray labels) {
        INDArray hits = output.columns() == 1
                ? output.gte(0.5).castTo(labels.dataType()).eq(labels)
                : output.argMax(1).eq(labels.argMax(1));
        return hits.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    /**
     * z = x W + b, as DL4J's dense and output layers compute it outside training (no dropout or
     * weight noise here: {@code NetworkFactory} builds neither), on arrays of the active workspace;
     * DL4J's own {@code activate} would allocate its results outside any workspace.
     */
    static INDArray preOutput(BaseLayer<?> layer, INDArray x) {
        INDArray w = layer.getParam("W");
        INDArray z = product(x, w);
        INDArray b = layer.getParam("b");
        return b == null ? z : RowOps.addi(z, b);
    }

    /**
     * x W: on the CPU build the lean step's BLAS call, which gives ND4J's {@code mmul} bit for bit
     * ({@code EvaluatorTest}) in about 70% of its time (a probe: 2.6 against 3.7 ms for a block of
     * 1,024 CIFAR-10 rows and 10 columns; {@code mmul} copies the weight view first); else {@code mmul}.
     */
    static INDArray product(INDArray x, INDArray w) {
        Blas blas = x.dataType() == DataType.FLOAT ? FLOAT_BLAS : x.dataType() == DataType.DOUBLE ? DOUBLE_BLAS : null;
        if (blas == null || w.dataType() != x.dataType() || x.rank() != 2 || w.rank() != 2 || !Blas.isDense(x, 'c')
                || !Blas.isDense(w, 'f') || x.columns() != w.rows()) {
            return x.mmul(w);
        }
        int rows = (int) x.rows();
        int nIn = (int) w.rows();
        int nOut = (int) w.columns();
        INDArray z = Nd4j.create(x.dataType(), new long[]{rows, nOut}, 'c');
        // Row-major z [N, nOut] = x [N, nIn] times W, where the column-major W reads as a row-major W^T.
        blas.gemm(Blas.ROW_MAJOR, Blas.NO_TRANS, Blas.TRANS, rows, nOut, nIn, 1.0, Blas.pointer(x), nIn,
                Blas.pointer(w), nIn, 0.0, Blas.pointer(z), nOut);
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(w);
        return z;
    }

    /** In double, example after example: the same sum whatever the block size. */
    private static double sum(INDArray perExample) {
        double s = 0;
        for (double v : perExample.data().asDouble()) {
            s += v;
        }
        return s;
    }

    private static INDArray rows(INDArray a, long from, long to, long n) {
        return from == 0 && to == n ? a : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}
