package org.repro4j.train;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.repro4j.data.HostArrays;

/**
 * One plain-SGD update of a {@link MultiLayerNetwork} (dense layers, then an output layer),
 * computed on the network's own parameter arrays: the same update DL4J's {@code fit} makes,
 * W &lt;- W - lr * (X^T delta / N + l2 * W), without what {@code fit} spends around it.
 *
 * <p>Why: at the sizes of these reports {@code fit} is dominated by overhead, not arithmetic
 * (measured in {@code bench/NOTES.md}): the input-layer matrix product runs four times per step
 * (forward, a forward recomputed in backprop, an input gradient nobody uses, the weight
 * gradient), each as a general matrix multiply that re-packs the whole weight matrix even for
 * one example; every step allocates its activations and gradient views, divides the whole
 * gradient by the batch size and computes the score. Here each matrix product runs once, as a
 * matrix-vector product when the batch has one example, directly in BLAS ({@link Blas}) on
 * reused buffers, and the weight update is fused into the weight-gradient product
 * (W = (1 - lr*l2) W - (lr/N) X^T delta is one gemm, or a ger for one example).
 *
 * <p>What stays DL4J's: the parameters (views into {@code net.params()}), each layer's
 * {@code IActivation} (forward and backprop) and the output layer's {@code ILossFunction}
 * gradient (so the project's own losses work unchanged), and the learning rate and L2
 * coefficient, read from each layer's updater and regularisation at the network's iteration and
 * epoch counts. The one exception: in float networks, sigmoid and identity layers and a softmax
 * output with {@code LossMCXENT} are computed by {@link FloatKernels} in Java loops, the same
 * formulas without ND4J's per-op cost. The result equals {@code fit}'s up to float rounding (sums
 * run in a different order); {@code LeanSgdStepTest} compares parameters after many steps.
 *
 * <p>The mini-batch score (loss plus L2 terms, on the parameters before the update, as {@code fit}
 * computes it) only when asked for: a probe measured it at 10-15% of a step (VU MLP at batch 1;
 * DD2424 layer at batch 100 with L2, where the L2 term reads all of W), and only a running-loss
 * measure and a search's divergence watch read it. Not done: the gradient arrays ({@code net.gradient()} is not updated), and
 * the iteration/epoch counters and listeners, which {@link LeanTrainer} handles. Masks and
 * non-dense layers are refused.
 */
public final class LeanSgdStep {
    private final MultiLayerNetwork net;
    private final DataType dataType;
    private final Blas blas;
    private final boolean divideByBatchSize;
    private final boolean scoring;
    private List<LeanLayer> layers;
    private INDArray boundParams;
    /** Activation buffers per batch size (usually one size, plus the last partial batch). */
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /**
     * @throws org.repro4j.ReproException if the network has a layer or setting the lean step
     *                                    does not reproduce (the message names it)
     */
    public LeanSgdStep(MultiLayerNetwork net) {
        this(net, false);
    }

    /**
     * @param scoring whether {@link #step} computes the mini-batch score
     * @throws org.repro4j.ReproException if the network has a layer or setting the lean step
     *                                    does not reproduce (the message names it)
     */
    public LeanSgdStep(MultiLayerNetwork net, boolean scoring) {
        this.net = net;
        this.scoring = scoring;
        requireSupported(net);
        this.dataType = net.params().dataType();
        this.blas = Blas.forType(dataType);
        this.divideByBatchSize = net.conf().isMiniBatch();
        bind();
    }

    /**
     * Refuses a network whose settings the lean step does not reproduce, or any network when no lean
     * step can run in this JVM; its layers are checked as {@link LeanLayer#of} reads them.
     *
     * @throws org.repro4j.ReproException naming what the lean step does not reproduce
     */
    static void requireSupported(MultiLayerNetwork net) {
        if (!net.isInitCalled()) {
            throw new IllegalStateException("call net.init() before creating a LeanSgdStep");
        }
        DataType dataType = net.params().dataType();
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw LeanLayer.unsupported("its parameters are " + dataType + " (float or double needed)");
        }
        if (net.getLayerWiseConfigurations().getBackpropType() != BackpropType.Standard) {
            throw LeanLayer.unsupported("it uses truncated backpropagation through time");
        }
        if (!net.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            throw LeanLayer.unsupported("it has input pre-processors");
        }
        String unavailable = unavailableReason();
        if (unavailable != null) {
            throw LeanLayer.unsupported(unavailable);
        }
    }

    /**
     * Why no lean step can run in this JVM, or null when it can. It calls OpenBLAS and reads and
     * writes the arrays' host memory, so it needs ND4J's CPU backend and the CPU build's
     * {@link Blas}; on the CUDA backend {@link TrainingEngine#forName} trains with {@code fit}.
     */
    public static String unavailableReason() {
        if (!HostArrays.directAccess()) {
            return "ND4J runs on " + Nd4j.getBackend().getClass().getSimpleName()
                    + ", and the lean step computes with OpenBLAS on host memory (CPU backend only)";
        }
        if (Blas.forType(DataType.FLOAT) == null) {
            return "this build has no OpenBLAS binding (" + Blas.CPU_IMPLEMENTATION + " is compiled by the CPU build only)";
        }
        return null;
    }

    /** (Re)reads the parameter views, e.g. after {@code net.init()} replaced the parameter array. */
    private void bind() {
        List<LeanLayer> list = new ArrayList<>();
        int n = net.getnLayers();
        for (int i = 0; i < n; i++) {
            list.add(LeanLayer.of(i, net.getLayer(i), i == n - 1));
        }
        this.layers = List.copyOf(list);
        this.boundParams = net.params();
    }

    /**
     * One update from a mini-batch (features [N, nIn], labels [N, nOut]) at the network's current
     * iteration and epoch counts, which it does not advance.
     *
     * @return the mini-batch score before the update, as {@code net.score()} reads after
     *         {@code fit}; NaN unless this step was made with {@code scoring}
     */
    public double step(INDArray features, INDArray labels) {
        if (net.params() != boundParams) {
            bind();
        }
        INDArray x = dense(features);
        INDArray y = dense(labels);
        int rows = (int) x.size(0);
        checkShapes(x, y);
        Buffers buf = buffers(rows);
        int last = layers.size() - 1;
        Pointer xp = Blas.pointer(x);

        Pointer input = xp;
        for (int l = 0; l <= last; l++) {
            forward(layers.get(l), input, rows, buf.preOutput[l].pointer, buf.ones.pointer);
            if (l < last) {
                activate(layers.get(l), buf.preOutput[l], buf.activation[l], rows);
                input = buf.activation[l].pointer;
            }
        }

        // Gradients with respect to each layer's pre-output; arrays that ND4J allocated stay referenced here.
        INDArray[] allocated = new INDArray[last + 1];
        Pointer[] delta = new Pointer[last + 1];
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();
        double[] loss = {Double.NaN};
        delta[last] = outputDelta(layers.get(last), y, rows, buf, allocated, loss);
        double score = scoring ? score(loss[0], rows, iteration, epoch) : Double.NaN;
        for (int l = last; l > 0; l--) {
            backward(layers.get(l), delta[l], rows, buf.activationGradient[l - 1].pointer);
            delta[l - 1] = hiddenDelta(layers.get(l - 1), rows, buf, allocated);
        }

        double perExample = divideByBatchSize ? 1.0 / rows : 1.0;
        for (int l = 0; l <= last; l++) {
            update(layers.get(l), l == 0 ? xp : buf.activation[l - 1].pointer, delta[l], rows, buf.ones.pointer,
                    perExample, iteration, epoch);
        }
        // The pointers above do not keep their arrays alive; these must outlive the BLAS calls.
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(y);
        Reference.reachabilityFence(allocated);
        return score;
    }

    /** DL4J's score: the summed loss, divided by N for mini-batch networks, plus every layer's L2 terms. */
    private double score(double summedLoss, int rows, int iteration, int epoch) {
        double s = divideByBatchSize ? summedLoss / rows : summedLoss;
        for (LeanLayer layer : layers) {
            s += layer.regularisationScore(iteration, epoch);
        }
        return s;
    }

    /** z = input W + b. */
    private void forward(LeanLayer layer, Pointer in, int rows, Pointer z, Pointer ones) {
        if (rows == 1) {
            boolean bias = layer.bias != null;
            if (bias) {
                blas.copy(layer.nOut, layer.biasPointer, z);
            }
            blas.gemv(Blas.COL_MAJOR, Blas.TRANS, layer.nIn, layer.nOut, 1.0, layer.weightsPointer,
                    layer.nIn, in, bias ? 1.0 : 0.0, z);
        } else {
            // Row-major z [N, nOut] = input [N, nIn] times W, where the column-major W reads as a row-major W^T.
            blas.gemm(Blas.ROW_MAJOR, Blas.NO_TRANS, Blas.TRANS, rows, layer.nOut, layer.nIn, 1.0,
                    in, layer.nIn, layer.weightsPointer, layer.nIn, 0.0, z, layer.nOut);
            if (layer.bias != null) {
                blas.ger(Blas.ROW_MAJOR, rows, layer.nOut, 1.0, ones, layer.biasPointer, z, layer.nOut);
            }
        }
    }

    /** a = activation(z), keeping z for backprop. */
    private void activate(LeanLayer layer, HostBuffer z, HostBuffer a, int rows) {
        int n = rows * layer.nOut;
        if (a.floats != null && FloatKernels.hasActivation(layer.activation)) {
            FloatKernels.activate(layer.activation, z.floats, a.floats, n);
            return;
        }
        blas.copy(n, z.pointer, a.pointer);
        INDArray result = layer.activation.getActivation(a.array, true);
        if (result != a.array) {
            a.array.assign(result);
        }
    }

    /**
     * The output layer's dL/dz, from the loss (or its Java form for softmax with cross-entropy);
     * with {@code scoring}, also the loss summed over the batch, into {@code summedLoss[0]}.
     */
    private Pointer outputDelta(LeanLayer out, INDArray labels, int rows, Buffers buf, INDArray[] allocated,
                                double[] summedLoss) {
        HostBuffer z = buf.preOutput[out.index];
        HostBuffer delta = buf.delta[out.index];
        if (delta.floats != null && FloatKernels.hasOutputDelta(out.activation, out.loss)) {
            double clipEps = scoring ? ((LossMCXENT) out.loss).getSoftmaxClipEps() : Double.NaN;
            summedLoss[0] = FloatKernels.softmaxCrossEntropy(z.floats, FloatKernels.view(labels), delta.floats, rows,
                    out.nOut, clipEps);
            return delta.pointer;
        }
        if (scoring) {
            // Before computeGradient, which may overwrite the pre-output in place.
            summedLoss[0] = out.loss.computeScore(labels, z.array, out.activation, null, false);
        }
        allocated[out.index] = dense(out.loss.computeGradient(labels, z.array, out.activation, null));
        return Blas.pointer(allocated[out.index]);
    }

    /** A hidden layer's dL/dz from dL/da (in its activation-gradient buffer). */
    private Pointer hiddenDelta(LeanLayer layer, int rows, Buffers buf, INDArray[] allocated) {
        HostBuffer epsilon = buf.activationGradient[layer.index];
        HostBuffer delta = buf.delta[layer.index];
        if (delta.floats != null && FloatKernels.hasActivation(layer.activation)) {
            FloatKernels.backprop(layer.activation, buf.activation[layer.index].floats, epsilon.floats, delta.floats,
                    rows * layer.nOut);
            return delta.pointer;
        }
        // The activation's backprop may work in place on the pre-output, which is not needed any more.
        allocated[layer.index] = dense(layer.activation.backprop(buf.preOutput[layer.index].array, epsilon.array)
                .getFirst());
        return Blas.pointer(allocated[layer.index]);
    }

    /** epsilon = delta W^T, the gradient with respect to the layer's input, [N, nIn]. */
    private void backward(LeanLayer layer, Pointer delta, int rows, Pointer epsilon) {
        if (rows == 1) {
            blas.gemv(Blas.COL_MAJOR, Blas.NO_TRANS, layer.nIn, layer.nOut, 1.0, layer.weightsPointer,
                    layer.nIn, delta, 0.0, epsilon);
        } else {
            blas.gemm(Blas.ROW_MAJOR, Blas.NO_TRANS, Blas.NO_TRANS, rows, layer.nIn, layer.nOut, 1.0,
                    delta, layer.nOut, layer.weightsPointer, layer.nIn, 0.0, epsilon, layer.nIn);
        }
    }

    /**
     * W = (1 - lr*l2) W - lr * perExample * input^T delta and likewise for b (with the ones vector
     * summing delta over the batch): DL4J's divide-by-N, add-L2, scale-by-lr, subtract, in one pass.
     */
    private void update(LeanLayer layer, Pointer in, Pointer d, int rows, Pointer ones, double perExample,
                        int iteration, int epoch) {
        double lr = layer.weightLearningRate(iteration, epoch);
        double decay = 1.0 - lr * layer.weightL2(iteration, epoch);
        if (rows == 1) {
            if (decay != 1.0) {
                blas.scal(layer.nIn * layer.nOut, decay, layer.weightsPointer);
            }
            blas.ger(Blas.COL_MAJOR, layer.nIn, layer.nOut, -lr * perExample, in, d, layer.weightsPointer,
                    layer.nIn);
        } else {
            // Column-major: the row-major input [N, nIn] reads as input^T, the row-major delta as delta^T.
            blas.gemm(Blas.COL_MAJOR, Blas.NO_TRANS, Blas.TRANS, layer.nIn, layer.nOut, rows,
                    -lr * perExample, in, layer.nIn, d, layer.nOut, decay, layer.weightsPointer, layer.nIn);
        }
        if (layer.bias != null) {
            double biasLr = layer.biasLearningRate(iteration, epoch);
            double biasDecay = 1.0 - biasLr * layer.biasL2(iteration, epoch);
            if (rows == 1) {
                if (biasDecay != 1.0) {
                    blas.scal(layer.nOut, biasDecay, layer.biasPointer);
                }
                blas.axpy(layer.nOut, -biasLr * perExample, d, layer.biasPointer);
            } else {
                blas.gemv(Blas.COL_MAJOR, Blas.NO_TRANS, layer.nOut, rows, -biasLr * perExample, d,
                        layer.nOut, ones, biasDecay, layer.biasPointer);
            }
        }
    }

    /** BLAS would read past the arrays' ends where DL4J would throw: refuse mismatched shapes. */
    private void checkShapes(INDArray x, INDArray y) {
        LeanLayer first = layers.get(0);
        LeanLayer out = layers.get(layers.size() - 1);
        if (x.size(1) != first.nIn || y.size(1) != out.nOut || y.size(0) != x.size(0)) {
            throw new IllegalArgumentException("features " + Arrays.toString(x.shape()) + " and labels "
                    + Arrays.toString(y.shape()) + " do not fit a network with " + first.nIn
                    + " inputs and " + out.nOut + " outputs");
        }
    }

    /** The array itself when it is a dense row-major matrix of the network's type, else a dense copy. */
    private INDArray dense(INDArray a) {
        return dense(a, dataType);
    }

    /** The array itself when it is a dense row-major matrix of this type, else a dense copy. */
    static INDArray dense(INDArray a, DataType type) {
        if (a.rank() == 1) {
            a = a.reshape(1, a.length());
        }
        boolean ok = a.dataType() == type && a.rank() == 2 && Blas.isDense(a, 'c');
        return ok ? a : a.castTo(type).dup('c');
    }

    private Buffers buffers(int rows) {
        return buffers.computeIfAbsent(rows, r -> new Buffers(layers, r, dataType));
    }

    /** Reused per-layer arrays for one batch size, outside any workspace. */
    private static final class Buffers {
        final HostBuffer[] preOutput;
        final HostBuffer[] activation;
        /** Gradient of the loss with respect to each hidden layer's activation. */
        final HostBuffer[] activationGradient;
        /** Gradient with respect to each pre-output, where {@link FloatKernels} computes it. */
        final HostBuffer[] delta;
        final HostBuffer ones;

        Buffers(List<LeanLayer> layers, int rows, DataType type) {
            int n = layers.size();
            preOutput = new HostBuffer[n];
            activation = new HostBuffer[n];
            activationGradient = new HostBuffer[n];
            delta = new HostBuffer[n];
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                for (int l = 0; l < n; l++) {
                    long[] shape = {rows, layers.get(l).nOut};
                    preOutput[l] = new HostBuffer(Nd4j.create(type, shape, 'c'));
                    activation[l] = new HostBuffer(Nd4j.create(type, shape, 'c'));
                    activationGradient[l] = new HostBuffer(Nd4j.create(type, shape, 'c'));
                    delta[l] = new HostBuffer(Nd4j.create(type, shape, 'c'));
                }
                ones = new HostBuffer(Nd4j.ones(type, rows));
            }
        }
    }
}
