package org.repro4j.bench;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.repro4j.model.NetworkFactory;
import org.repro4j.spec.Activation;
import org.repro4j.spec.Init;
import org.repro4j.spec.L2Convention;
import org.repro4j.spec.LayerType;
import org.repro4j.spec.Loss;
import org.repro4j.spec.NetworkSpec.LayerSpec;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.Protocol;
import org.repro4j.spec.TrainingSpec;

/**
 * One benchmarked network and training setting, built from spec records exactly as an
 * experiment builds it, with the arithmetic one step needs at least.
 *
 * @param name     the case id, also the key in {@code bench/numpy_step.py}'s output
 * @param protocol the data protocol of the end-to-end epoch
 */
public record BenchCase(String name, String title, NetworkSpec network, TrainingSpec training, Protocol protocol) {
    private static final NetworkSpec.InitSpec NORMAL = new NetworkSpec.InitSpec(Init.NORMAL, 0.01);

    /** The VU MLP at batch 1 and the DD2424 softmax layer at batch 100 with its three losses. */
    public static final List<BenchCase> ALL = List.of(
            new BenchCase("vu-mlp-b1", "VU MLP 784-300(sigmoid)-10(softmax), cross-entropy, batch 1",
                    new NetworkSpec(784, NORMAL, null, List.of(new LayerSpec(LayerType.DENSE, 300, Activation.SIGMOID, null),
                            new LayerSpec(LayerType.OUTPUT, 10, Activation.SOFTMAX, Loss.MCXENT))),
                    sgd(0.01, 0, 1), Protocol.MNIST_VU),
            softmaxLayer("ce", Activation.SOFTMAX, Loss.MCXENT, "cross-entropy"),
            softmaxLayer("svm", Activation.IDENTITY, Loss.SVM, "multi-class SVM (MultiClassHinge)"),
            softmaxLayer("mbce", Activation.SIGMOID, Loss.MBCE, "multiple binary cross-entropy (MultiBinaryCrossEntropy)"));

    private static BenchCase softmaxLayer(String suffix, Activation activation, Loss loss, String lossName) {
        return new BenchCase("dd2424-softmax-b100-" + suffix,
                "DD2424 3072-10 " + activation + " layer, " + lossName + ", L2 lambda 0.1, batch 100",
                new NetworkSpec(3072, NORMAL, null, List.of(new LayerSpec(LayerType.OUTPUT, 10, activation, loss))),
                sgd(0.001, 0.1, 100), Protocol.CIFAR_B1);
    }

    private static TrainingSpec sgd(double lr, double lambda, int batch) {
        return new TrainingSpec("sgd", lr, null, new TrainingSpec.L2Spec(lambda, L2Convention.SUM_W2), batch, 1, null, null,
                null, null);
    }

    public int batchSize() {
        return training.batchSize();
    }

    public int inputs() {
        return network.inputs();
    }

    public int outputs() {
        return network.layers().get(network.layers().size() - 1).units();
    }

    /** A freshly initialised float network of this case. */
    public MultiLayerNetwork newNetwork(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(network, training, DataType.FLOAT, seed));
        net.init();
        return net;
    }

    /**
     * Multiply-adds (x2) one step cannot avoid: per layer the forward product, the weight-gradient
     * product fused with the update, and for every layer but the first the input-gradient product.
     */
    public double flopsPerStep() {
        return batchSize() * flopsPerExample(network);
    }

    /** {@link #flopsPerStep()} of one example of a network. */
    static double flopsPerExample(NetworkSpec network) {
        double flops = 0;
        int in = network.inputs();
        for (int l = 0; l < network.layers().size(); l++) {
            int out = network.layers().get(l).units();
            flops += 2.0 * in * out * (l == 0 ? 2 : 3);
            in = out;
        }
        return flops;
    }

    /**
     * Bytes one float32 step must move at least: each weight matrix read in the forward pass and
     * read and written by the update, and the input batch read twice (forward, weight gradient).
     */
    public double bytesPerStep() {
        double bytes = 2.0 * Float.BYTES * batchSize() * network.inputs();
        int in = network.inputs();
        for (LayerSpec layer : network.layers()) {
            bytes += 3.0 * Float.BYTES * in * layer.units();
            in = layer.units();
        }
        return bytes;
    }
}
