package org.repro4j.train;

import org.repro4j.spec.Loss;
import org.repro4j.spec.LayerType;
import org.repro4j.spec.Activation;
import org.repro4j.spec.Init;
import org.repro4j.spec.L2Convention;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.repro4j.model.NetworkFactory;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one-pass evaluation agrees with DL4J's own score and output, for every loss the specs can name. */
class EvaluatorTest {
    @ParameterizedTest
    @CsvSource({"SOFTMAX,MCXENT,0", "SOFTMAX,MCXENT,1", "IDENTITY,SVM,0", "SIGMOID,MBCE,1", "SIGMOID,XENT,0"})
    void matchesDl4jScoreAndOutput(Activation activation, Loss loss, int hiddenLayers) {
        int k = loss == Loss.XENT ? 1 : 4;
        List<NetworkSpec.LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < hiddenLayers; i++) {
            layers.add(new NetworkSpec.LayerSpec(LayerType.DENSE, 5, Activation.SIGMOID, null));
        }
        layers.add(new NetworkSpec.LayerSpec(LayerType.OUTPUT, k, activation, loss));
        NetworkSpec spec = new NetworkSpec(6, new NetworkSpec.InitSpec(Init.NORMAL, 0.5), 0.0, layers);
        TrainingSpec training = new TrainingSpec("sgd", 0.1, null, new TrainingSpec.L2Spec(0.3, L2Convention.SUM_W2), 10, 1, false, false, null, null);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec, training, DataType.DOUBLE, 7));
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 50, 6);
        INDArray y = k == 1 ? Nd4j.rand(DataType.DOUBLE, 50, 1).gt(0.5).castTo(DataType.DOUBLE)
                : Nd4j.eye(k).castTo(DataType.DOUBLE).getRows(IntStream.range(0, 50).map(i -> (i * 7) % k).toArray());
        DataSet data = new DataSet(x, y);

        double cost = net.score(data, false);
        double accuracy = agreement(net.output(x, false), y);
        // One block, and blocks of 16 rows with a partial last one.
        for (int blockRows : new int[]{Evaluator.BLOCK_ROWS, 16}) {
            SplitMetrics m = Evaluator.evaluate(net, data, null, blockRows);
            assertEquals(cost, m.cost(), 1e-10);
            assertEquals(cost - net.calcRegularizationScore(true), m.loss(), 1e-10);
            assertEquals(accuracy, m.accuracy(), 1e-12);
        }
    }

    /**
     * The evaluation's product gives ND4J's {@code mmul} bit for bit, for the reports' layer shapes in
     * float and double, whole matrices and blocks of rows, W a view into the network's parameters.
     */
    @ParameterizedTest
    @CsvSource({"FLOAT,3072,10", "FLOAT,784,300", "FLOAT,300,10", "DOUBLE,784,10", "DOUBLE,3072,10", "DOUBLE,784,1", "FLOAT,2,1"})
    void theProductIsNd4jsBitForBit(DataType type, int nIn, int nOut) {
        NetworkSpec spec = new NetworkSpec(nIn, new NetworkSpec.InitSpec(Init.NORMAL, 0.05), 0.0,
                List.of(nOut == 1 ? new NetworkSpec.LayerSpec(LayerType.OUTPUT, 1, Activation.SIGMOID, Loss.XENT)
                        : new NetworkSpec.LayerSpec(LayerType.OUTPUT, nOut, Activation.SOFTMAX, Loss.MCXENT)));
        TrainingSpec training = new TrainingSpec("sgd", 0.1, null, null, 10, 1, false, false, null, null);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec, training, type, 11));
        net.init();
        INDArray w = net.getLayer(0).getParam("W");
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(type, 1500, nIn).subi(0.5).muli(4);
        assertSameBits(x.mmul(w), Evaluator.product(x, w));
        INDArray block = x.get(NDArrayIndex.interval(1024, 1500), NDArrayIndex.all());
        assertSameBits(block.mmul(w), Evaluator.product(block, w));
    }

    /** The true-class probabilities and hits are DL4J's output's, bit for bit, with and without a hidden layer. */
    @ParameterizedTest
    @CsvSource({"0", "1"})
    void trueClassIsDl4jsOutput(int hiddenLayers) {
        List<NetworkSpec.LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < hiddenLayers; i++) {
            layers.add(new NetworkSpec.LayerSpec(LayerType.DENSE, 30, Activation.SIGMOID, null));
        }
        layers.add(new NetworkSpec.LayerSpec(LayerType.OUTPUT, 10, Activation.SOFTMAX, Loss.MCXENT));
        NetworkSpec spec = new NetworkSpec(784, new NetworkSpec.InitSpec(Init.NORMAL, 0.05), 0.0, layers);
        TrainingSpec training = new TrainingSpec("sgd", 0.1, null, null, 10, 1, false, false, null, null);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(spec, training, DataType.FLOAT, 13));
        net.init();
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1500, 784);
        INDArray y = Nd4j.eye(10).castTo(DataType.FLOAT).getRows(IntStream.range(0, 1500).map(i -> (i * 3) % 10).toArray());
        TrialResult.TrueClass t = Evaluator.trueClass(net, new DataSet(x, y), null);
        INDArray p = net.output(x, false);
        long[] predicted = p.argMax(1).toLongVector();
        for (int i = 0; i < 1500; i++) {
            int truth = (i * 3) % 10;
            assertEquals(p.getDouble(i, truth), t.probability()[i], 0.0, "example " + i);
            assertEquals(predicted[i] == truth, t.correct()[i], "example " + i);
        }
    }

    private static void assertSameBits(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(0, expected.neq(actual).castTo(DataType.INT).sumNumber().intValue(), "every element equal");
    }

    /** The share of rows where DL4J's output picks the labelled class, counted here element by element. */
    private static double agreement(INDArray output, INDArray labels) {
        double[][] out = output.toDoubleMatrix();
        double[][] y = labels.toDoubleMatrix();
        int hits = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i].length == 1) {
                hits += (out[i][0] >= 0.5 ? 1.0 : 0.0) == y[i][0] ? 1 : 0;
            } else {
                hits += argMax(out[i]) == argMax(y[i]) ? 1 : 0;
            }
        }
        return (double) hits / out.length;
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void accuracyCountsArgmaxAgreement() {
        INDArray output = Nd4j.createFromArray(new double[][] {
                {0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}, {0.2, 0.2, 0.6}, {0.3, 0.4, 0.3}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 0}, {1, 0, 0}, {0, 0, 1}});
        // Rows 0 and 1 right (class 1, class 0), rows 2 and 3 wrong: 2 of 4.
        assertEquals(0.5, Evaluator.accuracy(output, labels), 0.0);
    }

    @Test
    void oneSigmoidOutputCountsAsClassOneFromOneHalf() {
        INDArray output = Nd4j.createFromArray(new double[][] {{0.7}, {0.4}, {0.5}, {0.2}, {0.9}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {0}, {1}, {1}});
        // 0.7 -> 1 right, 0.4 -> 0 right, 0.5 -> 1 wrong, 0.2 -> 0 wrong, 0.9 -> 1 right: 3 of 5.
        assertEquals(0.6, Evaluator.accuracy(output, labels), 1e-15);
    }
}
