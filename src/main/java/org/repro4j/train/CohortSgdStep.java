package org.repro4j.train;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One plain-SGD update of each network of a cohort: float networks of one dense output layer, of the
 * same shape, trained on the same mini-batch. Their weight matrices lie side by side in one matrix, so
 * the step makes two matrix products for the whole cohort where {@link LeanSgdStep} makes two per
 * network.
 *
 * <p>Why: at batch 100 a DD2424 layer's products have 10 output columns, and OpenBLAS spends most of
 * their time packing the batch, not multiplying; four networks' 40 columns cost each network about
 * a third of its own two products (bench/NOTES.md, cohorts). Each network's own arithmetic is what
 * {@link LeanSgdStep} does, its columns of the shared products included; the update is applied per
 * network, W = (1 - lr*l2) W - (lr/N) X^T delta as a scale and an axpy instead of inside the product.
 * With OpenBLAS's SkylakeX kernels that gives the lean step's numbers bit for bit for batches of up to
 * 448 (a column of a product is computed the same way at any width, and the product's beta scaling and
 * alpha add round as the scale and the axpy do while the batch fits in one of its K blocks, 448 rows);
 * a longer batch is added into W block by block, which rounds apart from the one axpy, and with other
 * kernels it differs by float rounding ({@code CohortTest}). So a trial that may share a cohort trains
 * on this step even alone ({@link TrialRunner}): its result then does not depend on its cohort's size.
 *
 * <p>Layout: network k's flattened parameters (W column-major [nIn, nOut], then b) start at
 * k * {@code slot} of one buffer, {@code slot} being nIn * (nOut + 1) floats, so the buffer is a
 * column-major [nIn, (nOut + 1) * K] matrix whose column nOut of each network holds b (and zeros).
 * The products compute that column too, and nothing reads it. Each network's parameters are views
 * of its slot, so evaluations and listeners see its current parameters without copies.
 */
final class CohortSgdStep {
    private final List<MultiLayerNetwork> networks;
    private final List<LeanLayer> layers;
    private final int nIn;
    private final int nOut;
    /** Columns per network in the shared matrix: nOut weights and one for the bias. */
    private final int columns;
    private final INDArray parameters;
    private final Blas blas;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /**
     * @param initialised the cohort's networks, initialised (each with its own seed); the step trains
     *                    copies of them, {@link #networks()}
     * @throws org.repro4j.ReproException if a network is not one the lean step trains
     * @throws IllegalArgumentException   if they are not float networks of one layer of the same shape
     */
    CohortSgdStep(List<MultiLayerNetwork> initialised) {
        MultiLayerNetwork first = initialised.get(0);
        if (first.getnLayers() != 1 || first.params().dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("a cohort trains float networks of one layer");
        }
        this.nIn = (int) first.layerInputSize(0);
        this.nOut = (int) first.layerSize(0);
        this.columns = nOut + 1;
        long slot = (long) nIn * columns;
        long length = first.numParams();
        if (length != (long) nIn * nOut + nOut) {
            throw new IllegalArgumentException("a cohort's layers have a weight matrix and a bias");
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            this.parameters = Nd4j.create(DataType.FLOAT, slot * initialised.size());
        }
        List<MultiLayerNetwork> copies = new ArrayList<>();
        List<LeanLayer> leanLayers = new ArrayList<>();
        for (int k = 0; k < initialised.size(); k++) {
            MultiLayerNetwork net = initialised.get(k);
            if (net.getnLayers() != 1 || net.numParams() != length || net.layerInputSize(0) != nIn
                    || net.params().dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("the networks of a cohort have one shape");
            }
            INDArray view = parameters.get(NDArrayIndex.interval(k * slot, k * slot + length)).reshape(1, length);
            view.assign(net.params());
            // A network made with given parameters uses them as they are, without drawing any.
            MultiLayerNetwork copy = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
            copy.init(view, false);
            if (Blas.pointer(copy.params()).address() != Blas.pointer(parameters).address() + Float.BYTES * k * slot) {
                throw new IllegalStateException("a cohort network's parameters are not a view of the shared matrix");
            }
            LeanSgdStep.requireSupported(copy);
            copies.add(copy);
            leanLayers.add(LeanLayer.of(0, copy.getLayer(0), true));
        }
        this.networks = List.copyOf(copies);
        this.layers = List.copyOf(leanLayers);
        this.blas = Blas.forType(DataType.FLOAT);
    }

    /** The networks the step trains, in the order given: copies of the initialised ones, on the shared parameters. */
    List<MultiLayerNetwork> networks() {
        return networks;
    }

    /** Columns of the shared matrix, all networks' (see the class comment). */
    int width() {
        return columns * networks.size();
    }

    /** Where network k's columns of a product with the shared matrix start. */
    int offset(int k) {
        return columns * k;
    }

    /** The shared matrix, column-major [nIn, {@link #width}]. */
    Pointer parametersPointer() {
        return Blas.pointer(parameters);
    }

    /**
     * One update of each network whose {@code training} flag is set (the others keep their
     * parameters), from features [N, nIn] and labels [N, nOut], each at its own iteration and epoch
     * counts, which it does not advance.
     */
    void step(INDArray features, INDArray labels, boolean[] training) {
        INDArray x = LeanSgdStep.dense(features, DataType.FLOAT);
        INDArray y = LeanSgdStep.dense(labels, DataType.FLOAT);
        int rows = (int) x.size(0);
        if (x.size(1) != nIn || y.size(1) != nOut || y.size(0) != rows) {
            throw new IllegalArgumentException("features " + x.shapeInfoToString() + " and labels do not fit a cohort of "
                    + nIn + " inputs and " + nOut + " outputs");
        }
        Buffers buf = buffers.computeIfAbsent(rows, r -> new Buffers(r, width()));
        int width = width();
        Pointer xp = Blas.pointer(x);
        Pointer w = Blas.pointer(parameters);
        // z [N, width] = x [N, nIn] times the shared matrix, read row-major as its transpose.
        blas.gemm(Blas.ROW_MAJOR, Blas.NO_TRANS, Blas.TRANS, rows, width, nIn, 1.0, xp, nIn, w, nIn, 0.0,
                buf.z.pointer, width);
        FloatBuffer labelValues = FloatKernels.view(y);
        for (int k = 0; k < networks.size(); k++) {
            int offset = k * columns;
            if (!training[k]) {
                continue;
            }
            LeanLayer layer = layers.get(k);
            FloatBuffer bias = FloatKernels.view(layer.bias);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < nOut; j++) {
                    int at = r * width + offset + j;
                    buf.z.floats.put(at, buf.z.floats.get(at) + bias.get(j));
                }
            }
            outputDelta(layer, buf, labelValues, y, rows, width, offset);
        }
        // g [nIn, width] = x^T delta, column-major.
        blas.gemm(Blas.COL_MAJOR, Blas.NO_TRANS, Blas.TRANS, nIn, width, rows, 1.0, xp, nIn, buf.delta.pointer, width,
                0.0, buf.gradient.pointer, nIn);
        double perExample = networks.get(0).conf().isMiniBatch() ? 1.0 / rows : 1.0;
        for (int k = 0; k < networks.size(); k++) {
            if (training[k]) {
                update(k, buf, rows, width, perExample);
            }
        }
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(y);
    }

    private void outputDelta(LeanLayer layer, Buffers buf, FloatBuffer labelValues, INDArray labels, int rows,
                             int width, int offset) {
        if (FloatKernels.hasOutputDelta(layer.activation, layer.loss)) {
            FloatKernels.softmaxCrossEntropy(buf.z.floats, offset, width, labelValues, buf.delta.floats, offset, width,
                    rows, nOut, Double.NaN);
            return;
        }
        // Any other loss computes its gradient on a copy of the network's columns.
        INDArray z = buf.z.array.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + nOut)).dup('c');
        INDArray delta = layer.loss.computeGradient(labels, z, layer.activation, null).castTo(DataType.FLOAT).dup('c');
        FloatBuffer d = FloatKernels.view(delta);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < nOut; j++) {
                buf.delta.floats.put(r * width + offset + j, d.get(r * nOut + j));
            }
        }
    }

    /** W = (1 - lr*l2) W - lr * perExample * g and likewise for b (delta summed over the batch), at the network's counts. */
    private void update(int k, Buffers buf, int rows, int width, double perExample) {
        MultiLayerNetwork net = networks.get(k);
        LeanLayer layer = layers.get(k);
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();
        double lr = layer.weightLearningRate(iteration, epoch);
        double decay = 1.0 - lr * layer.weightL2(iteration, epoch);
        if (decay != 1.0) {
            blas.scal(nIn * nOut, decay, layer.weightsPointer);
        }
        blas.axpy(nIn * nOut, -lr * perExample, buf.gradientColumns[k], layer.weightsPointer);
        double biasLr = layer.biasLearningRate(iteration, epoch);
        double biasDecay = 1.0 - biasLr * layer.biasL2(iteration, epoch);
        blas.gemv(Blas.COL_MAJOR, Blas.NO_TRANS, nOut, rows, -biasLr * perExample, buf.deltaColumns[k], width,
                buf.ones.pointer, biasDecay, layer.biasPointer);
    }

    /** Reused arrays for one batch size: the outputs, their gradients and the weight gradients of the whole cohort. */
    private final class Buffers {
        final HostBuffer z;
        final HostBuffer delta;
        final HostBuffer gradient;
        final HostBuffer ones;
        /** Where each network's columns of {@link #gradient} and {@link #delta} start. */
        final Pointer[] gradientColumns;
        final Pointer[] deltaColumns;
        private final List<INDArray> views = new ArrayList<>();

        Buffers(int rows, int width) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                z = new HostBuffer(Nd4j.create(DataType.FLOAT, new long[]{rows, width}, 'c'));
                delta = new HostBuffer(Nd4j.create(DataType.FLOAT, new long[]{rows, width}, 'c'));
                gradient = new HostBuffer(Nd4j.create(DataType.FLOAT, new long[]{(long) nIn * width}, 'c'));
                ones = new HostBuffer(Nd4j.ones(DataType.FLOAT, rows));
            }
            int n = networks.size();
            gradientColumns = new Pointer[n];
            deltaColumns = new Pointer[n];
            for (int k = 0; k < n; k++) {
                long from = (long) k * columns * nIn;
                INDArray g = gradient.array.get(NDArrayIndex.interval(from, from + (long) nIn * nOut));
                INDArray d = delta.array.reshape(rows * (long) width).get(NDArrayIndex.interval((long) k * columns, (long) rows * width));
                views.add(g);
                views.add(d);
                gradientColumns[k] = Blas.pointer(g);
                deltaColumns[k] = Blas.pointer(d);
            }
        }
    }
}
