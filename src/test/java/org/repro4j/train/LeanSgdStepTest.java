package org.repro4j.train;

import org.repro4j.spec.LayerType;
import org.repro4j.spec.Activation;
import org.repro4j.spec.Loss;
import org.repro4j.spec.Init;
import org.repro4j.spec.L2Convention;
import org.repro4j.spec.Schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.repro4j.ReproException;
import org.repro4j.data.MiniBatchIterator;
import org.repro4j.model.NetworkFactory;
import org.repro4j.model.SmallNetworks;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.NetworkSpec.LayerSpec;
import org.repro4j.spec.TrainingSpec;

/**
 * The lean step gives the parameters {@code fit} gives, on the networks of the reports (real
 * sizes, random data), through the same iterator path the runner uses.
 */
class LeanSgdStepTest {
    private static final NetworkSpec.InitSpec NORMAL = new NetworkSpec.InitSpec(Init.NORMAL, 0.01);

    @Test
    void vuMlpBatchOneMatchesFitAfterManySteps() {
        NetworkSpec net = new NetworkSpec(784, NORMAL, null, List.of(
                new LayerSpec(LayerType.DENSE, 300, Activation.SIGMOID, null), new LayerSpec(LayerType.OUTPUT, 10, Activation.SOFTMAX, Loss.MCXENT)));
        assertSameAsFit(net, training(0.05, 0, 1, null), DataType.FLOAT, data(600, 784, 10, 1), 1, 2.0e-6);
    }

    @Test
    void softmaxLayerWithL2AndScheduleMatchesFit() {
        assertSameAsFit(softmaxLayer(Activation.SOFTMAX, Loss.MCXENT),
                training(0.1, 0.1, 100, new TrainingSpec.ScheduleSpec(Schedule.EXPONENTIAL, 0.5, null, null, null)),
                DataType.FLOAT, data(450, 3072, 10, 2), 3, 2.0e-6);
    }

    @Test
    void svmLossMatchesFit() {
        assertSameAsFit(softmaxLayer(Activation.IDENTITY, Loss.SVM), training(0.01, 0.1, 100, null),
                DataType.FLOAT, data(450, 3072, 10, 3), 2, 2.0e-6);
    }

    @Test
    void multiBinaryCrossEntropyMatchesFit() {
        assertSameAsFit(softmaxLayer(Activation.SIGMOID, Loss.MBCE), training(0.5, 0, 100, null),
                DataType.FLOAT, data(450, 3072, 10, 4), 2, 2.0e-6);
    }

    @Test
    void deeperDoubleNetworkWithOneSigmoidOutputMatchesFit() {
        NetworkSpec net = new NetworkSpec(20, NORMAL, 0.1, List.of(new LayerSpec(LayerType.DENSE, 16, Activation.TANH, null),
                new LayerSpec(LayerType.DENSE, 8, Activation.RELU, null), new LayerSpec(LayerType.OUTPUT, 1, Activation.SIGMOID, Loss.XENT)));
        TrainingSpec t = new TrainingSpec("sgd", 0.5, null, new TrainingSpec.L2Spec(0.2, L2Convention.HALF_SUM_W2), 7, 3,
                null, null, null, null);
        DataSet data = data(100, 20, 1, 5);
        data = new DataSet(data.getFeatures().castTo(DataType.DOUBLE), data.getLabels().castTo(DataType.DOUBLE));
        assertSameAsFit(net, t, DataType.DOUBLE, data, 3, 1.0e-12);
    }

    @Test
    void listenersSeeTheSameCallsAsWithFit() {
        NetworkSpec spec = softmaxLayer(Activation.SOFTMAX, Loss.MCXENT);
        TrainingSpec t = training(0.01, 0, 100, null);
        DataSet data = data(250, 3072, 10, 6);
        List<String> fitCalls = new ArrayList<>();
        List<String> leanCalls = new ArrayList<>();
        MultiLayerNetwork fitNet = network(spec, t, DataType.FLOAT);
        MultiLayerNetwork leanNet = network(spec, t, DataType.FLOAT);
        fitNet.setListeners(recorder(fitCalls));
        leanNet.setListeners(recorder(leanCalls));
        MiniBatchIterator fitBatches = iterator(data, 100);
        MiniBatchIterator leanBatches = iterator(data, 100);
        LeanTrainer lean = new LeanTrainer(leanNet, false);
        for (int epoch = 0; epoch < 2; epoch++) {
            fitNet.fit(fitBatches);
            lean.fitEpoch(leanBatches);
        }
        assertEquals(fitCalls, leanCalls);
        assertEquals(fitNet.getIterationCount(), leanNet.getIterationCount());
        assertEquals(fitNet.getEpochCount(), leanNet.getEpochCount());
        assertEquals(6, leanNet.getIterationCount());
    }

    @Test
    void refusesWhatItCannotReproduce() {
        MultiLayerConfiguration adam = new NeuralNetConfiguration.Builder().updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nIn(3).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(adam);
        net.init();
        ReproException e = assertThrows(ReproException.class, () -> new LeanSgdStep(net));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("Adam")
                && e.getMessage().contains("training.engine: fit"), e.getMessage());
    }

    @Test
    void refusesABatchOfTheWrongWidth() {
        MultiLayerNetwork net = network(softmaxLayer(Activation.SOFTMAX, Loss.MCXENT), training(0.01, 0, 10, null), DataType.FLOAT);
        DataSet narrow = data(10, 784, 10, 7);
        assertThrows(IllegalArgumentException.class, () -> new LeanSgdStep(net).step(narrow.getFeatures(), narrow.getLabels()));
    }

    /**
     * Trains one copy with {@code fit(iterator)} and one with the lean trainer (scoring), epoch by
     * epoch, and compares every parameter and every batch's score; also checks the parameters
     * moved by much more than the tolerance.
     */
    private static void assertSameAsFit(NetworkSpec spec, TrainingSpec t, DataType type, DataSet data, int epochs,
                                        double tolerance) {
        MultiLayerNetwork fitNet = network(spec, t, type);
        MultiLayerNetwork leanNet = network(spec, t, type);
        INDArray start = fitNet.params().dup();
        MiniBatchIterator fitBatches = iterator(data, t.batchSize());
        MiniBatchIterator leanBatches = iterator(data, t.batchSize());
        List<Double> fitScores = new ArrayList<>();
        List<Double> leanScores = new ArrayList<>();
        fitNet.setListeners(scores(fitScores));
        leanNet.setListeners(scores(leanScores));
        LeanTrainer lean = new LeanTrainer(leanNet, true);
        for (int e = 0; e < epochs; e++) {
            fitNet.fit(fitBatches);
            lean.fitEpoch(leanBatches);
        }
        double diff = maxAbsDiff(fitNet.params(), leanNet.params());
        double moved = maxAbsDiff(fitNet.params(), start);
        assertTrue(diff <= tolerance, "max |fit - lean| = " + diff + " > " + tolerance + " (parameters moved " + moved + ")");
        System.out.printf("max |fit - lean| %.3g after parameters moved up to %.3g%n", diff, moved);
        assertTrue(moved > 100 * tolerance, "the parameters hardly moved (" + moved + "), so the comparison says little");
        assertEquals(fitNet.getIterationCount(), leanNet.getIterationCount());
        assertEquals(fitScores.size(), leanScores.size());
        for (int i = 0; i < fitScores.size(); i++) {
            double f = fitScores.get(i);
            double l = leanScores.get(i);
            // Relative: the scores include L2 terms of size ~1e3 for the 3072-input layers.
            assertTrue(Math.abs(f - l) <= 1.0e-5 * Math.max(1.0, Math.abs(f)), "batch " + i + ": fit score " + f + ", lean " + l);
        }
    }

    /** Records {@code net.score()} after every batch: the score of the batch before its update. */
    private static BaseTrainingListener scores(List<Double> out) {
        return new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                out.add(model.score());
            }
        };
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static NetworkSpec softmaxLayer(Activation activation, Loss loss) {
        return new NetworkSpec(3072, NORMAL, null, List.of(new LayerSpec(LayerType.OUTPUT, 10, activation, loss)));
    }

    private static TrainingSpec training(double lr, double lambda, int batch, TrainingSpec.ScheduleSpec schedule) {
        return new TrainingSpec("sgd", lr, schedule, new TrainingSpec.L2Spec(lambda, L2Convention.SUM_W2), batch, 1, null, null,
                null, null);
    }

    private static MultiLayerNetwork network(NetworkSpec spec, TrainingSpec t, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec, t, type, 7));
        net.init();
        return net;
    }

    private static MiniBatchIterator iterator(DataSet data, int batch) {
        return MiniBatchIterator.builder(data).batchSize(batch).reuseBatchMemory(true).build();
    }

    /** N(0, 1) features, random one-hot labels (a random 0/1 column for one output), float. */
    private static DataSet data(int n, int features, int classes, long seed) {
        DataSet d = SmallNetworks.randomData(n, features, Math.max(2, classes), seed);
        INDArray labels = classes == 1 ? d.getLabels().getColumn(0, true).dup() : d.getLabels();
        return new DataSet(d.getFeatures().castTo(DataType.FLOAT), labels.castTo(DataType.FLOAT));
    }

    private static BaseTrainingListener recorder(List<String> calls) {
        return new BaseTrainingListener() {
            @Override
            public void onEpochStart(Model model) {
                calls.add("start " + ((MultiLayerNetwork) model).getEpochCount());
            }

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                calls.add("step " + iteration + " " + epoch + " lr " + ((MultiLayerNetwork) model).getLearningRate(0));
            }

            @Override
            public void onEpochEnd(Model model) {
                calls.add("end " + ((MultiLayerNetwork) model).getEpochCount());
            }
        };
    }
}
