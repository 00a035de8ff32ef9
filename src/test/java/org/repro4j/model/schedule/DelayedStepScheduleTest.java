package org.repro4j.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.repro4j.ReproException;
import org.repro4j.data.MiniBatchIterator;

class DelayedStepScheduleTest {

    @Test
    void dd2424BonusStepDecay() {
        ISchedule schedule = new DelayedStepSchedule(ScheduleType.EPOCH, 0.01, 20, 0.1, 40);
        int[] epochs = {0, 19, 20, 59, 60, 99, 100, 139, 140};
        double[] expected = {0.01, 0.01, 1e-3, 1e-3, 1e-4, 1e-4, 1e-5, 1e-5, 1e-6};
        for (int i = 0; i < epochs.length; i++) {
            assertEquals(expected[i], schedule.valueAt(12345, epochs[i]), expected[i] * 1e-12, "epoch " + epochs[i]);
        }
    }

    @Test
    void iterationScheduleCountsIterations() {
        DelayedStepSchedule schedule = new DelayedStepSchedule(ScheduleType.ITERATION, 1.0, 3, 0.5, 2);
        assertEquals(1.0, schedule.valueAt(2, 99));
        assertEquals(0.5, schedule.valueAt(3, 0));
        assertEquals(0.5, schedule.valueAt(4, 0));
        assertEquals(0.25, schedule.valueAt(5, 0));
        assertThrows(ReproException.class, () -> new DelayedStepSchedule(ScheduleType.EPOCH, 1.0, 3, 0.5, 0));
    }

    @Test
    void exponentialDecayIsDl4jsOwnSchedule() {
        ISchedule schedule = new ExponentialSchedule(ScheduleType.EPOCH, 0.01, 0.95);
        assertTrue(schedule instanceof ExponentialSchedule);
        assertEquals(0.01, schedule.valueAt(500, 0), 1e-15);
        assertEquals(0.01 * Math.pow(0.95, 7), schedule.valueAt(0, 7), 1e-15);
    }

    private static MultiLayerNetwork network(ISchedule schedule) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(schedule))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(3).nOut(2).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * One full batch per epoch, so each epoch is one plain SGD step: the parameter change must
     * be exactly the scheduled rate times the gradient (DL4J divides the summed gradient by
     * the batch size in the updater).
     */
    private static void assertFitUsesScheduledRatePerEpoch(ISchedule schedule, int epochs) {
        MultiLayerNetwork net = network(schedule);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 3);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 8, 2);
        MiniBatchIterator iterator = MiniBatchIterator.builder(new DataSet(x, y)).batchSize(8).build();

        for (int epoch = 0; epoch < epochs; epoch++) {
            double rate = schedule.valueAt(0, epoch);
            assertEquals(epoch, net.getEpochCount());
            assertEquals(rate, net.getLearningRate(0), 1e-15, "configured rate in epoch " + epoch);

            INDArray before = net.params().dup();
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            INDArray expectedStep = net.gradient().gradient().mul(rate / 8);

            net.fit(iterator);

            INDArray step = before.sub(net.params());
            double error = step.sub(expectedStep).norm2Number().doubleValue();
            assertTrue(error < 1e-12 * expectedStep.norm2Number().doubleValue(),
                    "epoch " + epoch + ": step " + step + " != rate " + rate + " x gradient / 8 = " + expectedStep);
        }
        assertEquals(epochs, net.getEpochCount(), "fit(iterator) advances DL4J's epoch counter once per call");
        net.fit(new DataSet(x, y));
        assertEquals(epochs, net.getEpochCount(), "fit(DataSet) does not advance the epoch counter");
    }

    @Test
    void fitUsesTheDelayedStepRateOfEachEpoch() {
        assertFitUsesScheduledRatePerEpoch(new DelayedStepSchedule(ScheduleType.EPOCH, 0.1, 2, 0.5, 3), 8);
    }

    @Test
    void fitUsesTheExponentialRateOfEachEpoch() {
        assertFitUsesScheduledRatePerEpoch(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.95), 4);
    }

    @Test
    void networkConfigurationWithTheScheduleSurvivesJson() {
        DelayedStepSchedule schedule = new DelayedStepSchedule(ScheduleType.EPOCH, 0.01, 20, 0.1, 40);
        MultiLayerConfiguration conf = network(schedule).getLayerWiseConfigurations();

        String json = conf.toJson();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);

        assertTrue(json.contains(DelayedStepSchedule.class.getName()), json);
        assertEquals(conf, restored);
        ISchedule restoredSchedule = ((Sgd) ((BaseLayer) restored.getConf(0).getLayer()).getIUpdater())
                .getLearningRateSchedule();
        assertEquals(schedule, restoredSchedule);
        assertEquals(1e-4, restoredSchedule.valueAt(0, 60), 1e-18);
    }
}
