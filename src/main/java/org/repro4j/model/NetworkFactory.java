package org.repro4j.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.repro4j.model.loss.MultiBinaryCrossEntropy;
import org.repro4j.model.loss.MultiClassHinge;
import org.repro4j.model.schedule.DelayedStepSchedule;
import org.repro4j.spec.LayerType;
import org.repro4j.spec.Loss;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.NetworkSpec.LayerSpec;
import org.repro4j.spec.TrainingSpec;

/** Turns a spec's network and training sections into a DL4J {@link MultiLayerConfiguration}. */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /**
     * @param training may be null (e.g. the gradient check), which means SGD at rate 1 and no L2
     */
    public static MultiLayerConfiguration build(NetworkSpec network, TrainingSpec training, DataType dtype, long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dtype)
                .updater(training == null ? new Sgd(1.0) : updater(training))
                .biasInit(network.biasInit());
        applyWeightInit(b, network.weightInit());
        if (training != null && training.l2().lambda() > 0) {
            // Weights only unless asked: DD2424's cost leaves the biases alone; the TDT4265 code
            // regularises its bias row with the weights.
            double l2 = training.l2().convention().dl4jL2(training.l2().lambda());
            b.l2(l2).l2Bias(training.l2().bias() ? l2 : 0);
        }
        NeuralNetConfiguration.ListBuilder list = b.list();
        int in = network.inputs();
        for (int i = 0; i < network.layers().size(); i++) {
            LayerSpec l = network.layers().get(i);
            Activation act = activation(l.activation());
            if (l.type() == LayerType.OUTPUT) {
                list.layer(i, new OutputLayer.Builder(loss(l.loss())).nIn(in).nOut(l.units()).activation(act).build());
            } else {
                list.layer(i, new DenseLayer.Builder().nIn(in).nOut(l.units()).activation(act).build());
            }
            in = l.units();
        }
        return list.build();
    }

    static Sgd updater(TrainingSpec t) {
        TrainingSpec.ScheduleSpec s = t.schedule();
        return switch (s.type()) {
            case EXPONENTIAL -> new Sgd(new ExponentialSchedule(ScheduleType.EPOCH, t.learningRate(), s.gamma()));
            case STEP -> new Sgd(new DelayedStepSchedule(ScheduleType.EPOCH, t.learningRate(), s.firstDrop(), s.factor(), s.every()));
            case CONSTANT -> new Sgd(t.learningRate());
        };
    }

    private static void applyWeightInit(NeuralNetConfiguration.Builder b, NetworkSpec.InitSpec init) {
        switch (init.distribution()) {
            case ZEROS -> b.weightInit(WeightInit.ZERO);
            case XAVIER -> b.weightInit(WeightInit.XAVIER);
            case NORMAL -> b.weightInit(new NormalDistribution(0, init.std()));
        }
    }

    static Activation activation(org.repro4j.spec.Activation a) {
        return switch (a) {
            case IDENTITY -> Activation.IDENTITY;
            case SIGMOID -> Activation.SIGMOID;
            case SOFTMAX -> Activation.SOFTMAX;
            case RELU -> Activation.RELU;
            case TANH -> Activation.TANH;
        };
    }

    /** The loss named in a spec; {@code svm} and {@code mbce} are this project's own {@link ILossFunction}s. */
    public static ILossFunction loss(Loss loss) {
        return switch (loss) {
            case MCXENT -> new LossMCXENT();
            case XENT -> new LossBinaryXENT();
            case MSE -> new LossMSE();
            case SVM -> new MultiClassHinge();
            case MBCE -> new MultiBinaryCrossEntropy();
        };
    }
}
