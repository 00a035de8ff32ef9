package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Loss, cost and accuracy of a network on a whole split, without touching its parameters. */
public final class Evaluator {
    private Evaluator() {
    }

    public static SplitMetrics evaluate(MultiLayerNetwork net, DataSet data) {
        // DL4J's score is the mean data loss plus the regularisation score, i.e. the cost J.
        double cost = net.score(data, false);
        double loss = cost - net.calcRegularizationScore(true);
        return new SplitMetrics(loss, cost, accuracy(net.output(data.getFeatures(), false), data.getLabels()));
    }

    /** Argmax agreement; a single sigmoid output counts as class 1 when it is at least 0.5. */
    public static double accuracy(INDArray output, INDArray labels) {
        long n = output.rows();
        if (output.columns() == 1) {
            INDArray predicted = output.gte(0.5).castTo(labels.dataType());
            return predicted.eq(labels).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue() / n;
        }
        INDArray predicted = output.argMax(1);
        INDArray actual = labels.argMax(1);
        return predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue() / n;
    }
}
