package org.repro4j.train;

import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/** Loss, cost and accuracy of a network on a whole split, without touching its parameters. */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * One forward pass: the output layer's pre-activation gives both the loss (through the layer's
     * own loss function, as DL4J's score does) and the predictions. DL4J's {@code score} followed by
     * {@code output} would run the network twice, which on the large splits costs as much as an epoch
     * of training. Cost = loss + the network's regularisation score, i.e. the quantity SGD minimises.
     */
    public static SplitMetrics evaluate(MultiLayerNetwork net, DataSet data) {
        int last = net.getnLayers() - 1;
        INDArray input = last == 0 ? data.getFeatures()
                : net.feedForwardToLayer(last - 1, data.getFeatures(), false).get(last);
        BaseOutputLayer<?> out = (BaseOutputLayer<?>) net.getLayer(last);
        INDArray preOutput = input.mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
        ILossFunction lossFn = out.layerConf().getLossFn();
        IActivation activation = out.layerConf().getActivationFn();
        double loss = lossFn.computeScore(data.getLabels(), preOutput.dup(), activation, null, true);
        INDArray probabilities = activation.getActivation(preOutput, false);
        double cost = loss + net.calcRegularizationScore(true);
        return new SplitMetrics(loss, cost, accuracy(probabilities, data.getLabels()));
    }

    /** Argmax agreement; a single sigmoid output counts as class 1 when it is at least 0.5. */
    public static double accuracy(INDArray output, INDArray labels) {
        long n = output.rows();
        INDArray hits = output.columns() == 1
                ? output.gte(0.5).castTo(labels.dataType()).eq(labels)
                : output.argMax(1).eq(labels.argMax(1));
        return hits.castTo(DataType.DOUBLE).sumNumber().doubleValue() / n;
    }
}
