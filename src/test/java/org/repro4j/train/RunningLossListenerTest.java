package org.repro4j.train;

import org.repro4j.spec.LayerType;
import org.repro4j.spec.Activation;
import org.repro4j.spec.Loss;
import org.repro4j.spec.Init;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.repro4j.data.MiniBatchIterator;
import org.repro4j.model.NetworkFactory;
import org.repro4j.model.SmallNetworks;
import org.repro4j.report.MetricRow;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running training loss is what a hand-written SGD loop accumulates: each example's loss before its update. */
class RunningLossListenerTest {

    @Test
    void perEpochMeanIsTheMeanOfEachExamplesLossBeforeItsUpdate() {
        DataSet data = SmallNetworks.randomData(12, SmallNetworks.N_IN, SmallNetworks.N_OUT, 3);
        MultiLayerNetwork trained = network();
        MultiLayerNetwork byHand = trained.clone();

        List<MetricRow> rows = new ArrayList<>();
        trained.setListeners(new RunningLossListener(new TrialRows(7, rows::add), null, false));
        for (int epoch = 0; epoch < 2; epoch++) {
            trained.fit(MiniBatchIterator.builder(data).batchSize(1).build());
        }

        for (int epoch = 0; epoch < 2; epoch++) {
            double sum = 0;
            for (int i = 0; i < data.numExamples(); i++) {
                DataSet one = data.get(i);
                sum += byHand.score(one, true);
                byHand.fit(one);
            }
            MetricRow row = rows.get(epoch);
            assertEquals(sum / data.numExamples(), row.loss(), 1e-12, "epoch " + (epoch + 1));
            assertEquals(row.loss(), row.cost());
            assertEquals(epoch + 1, row.epoch());
            assertEquals(12L * (epoch + 1), row.step());
            assertEquals(RunningLossListener.SPLIT, row.split());
        }
        assertEquals(2, rows.size());
    }

    @Test
    void everyNStepsRecordsOnlyFullWindowsAndRegularisedRunsKeepTheLossEmpty() {
        DataSet data = SmallNetworks.randomData(10, SmallNetworks.N_IN, SmallNetworks.N_OUT, 4);
        MultiLayerNetwork net = network();
        List<MetricRow> rows = new ArrayList<>();
        RunningLossListener listener = new RunningLossListener(new TrialRows(1, rows::add), 4, true);
        net.setListeners(listener);
        net.fit(MiniBatchIterator.builder(data).batchSize(1).build());

        assertEquals(List.of(4L, 8L), rows.stream().map(MetricRow::step).toList());
        assertTrue(Double.isNaN(rows.get(0).loss()), "with L2 the score is a cost, not a loss");
        assertTrue(rows.get(0).cost() > 0);
        assertEquals(rows.get(1).cost(), listener.last());
    }

    /** 4-5(tanh)-3 softmax network trained by plain SGD at rate 0.1, in double precision. */
    private static MultiLayerNetwork network() {
        NetworkSpec spec = new NetworkSpec(SmallNetworks.N_IN, new NetworkSpec.InitSpec(Init.NORMAL, 1.0), 0.0, List.of(
                new NetworkSpec.LayerSpec(LayerType.DENSE, SmallNetworks.N_HIDDEN, Activation.TANH, null),
                new NetworkSpec.LayerSpec(LayerType.OUTPUT, SmallNetworks.N_OUT, Activation.SOFTMAX, Loss.MCXENT)));
        TrainingSpec sgd = new TrainingSpec("sgd", 0.1, null, null, 1, 1, false, false, null, null);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec, sgd, DataType.DOUBLE, 5));
        net.init();
        return net;
    }
}
