package org.repro4j.model;

import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** Tiny double-precision networks and data for gradient tests (4 inputs, 5 tanh hidden units, 3 outputs). */
public final class SmallNetworks {
    public static final int N_IN = 4;
    public static final int N_HIDDEN = 5;
    public static final int N_OUT = 3;

    private SmallNetworks() {
    }

    /** 4-5(tanh)-3 network with the given output activation and loss, weights N(0, 1), optional L2 on weights. */
    public static MultiLayerConfiguration hiddenLayerConf(ILossFunction loss, Activation outputActivation, double l2) {
        return new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(new NormalDistribution(0, 1))
                .l2(l2)
                .l2Bias(0)
                .list()
                .layer(new DenseLayer.Builder().nIn(N_IN).nOut(N_HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().lossFunction(loss).nIn(N_HIDDEN).nOut(N_OUT)
                        .activation(outputActivation).build())
                .build();
    }

    public static MultiLayerNetwork hiddenLayerNet(ILossFunction loss, Activation outputActivation, double l2) {
        MultiLayerNetwork net = new MultiLayerNetwork(hiddenLayerConf(loss, outputActivation, l2));
        net.init();
        return net;
    }

    /** {@code n} examples with N(0, 1) features and random one-hot labels over {@code classes}, fixed seed. */
    public static DataSet randomData(int n, int features, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, features);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, random.nextInt(classes), 1.0);
        }
        return new DataSet(x, y);
    }
}
