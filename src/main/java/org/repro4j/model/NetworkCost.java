package org.repro4j.model;

import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The network's inference-mode score on a fixed data set (mean data loss + regularisation,
 * what {@link MultiLayerNetwork#score(DataSet, boolean)} returns), evaluated many times while
 * single parameters are perturbed.
 *
 * <p>The full forward pass per evaluation is what makes a numerical gradient of a 3072-10 layer
 * slow. For a dense {@link OutputLayer} there is an exact shortcut: layers below it do not
 * depend on its parameters, so its input A is computed once, and a change to W[i][j] or b[j]
 * only changes column j of the pre-output Z = A W + b. That column is recomputed from the
 * (perturbed) parameters, a matrix-vector product instead of a matrix product, and the layer's
 * own loss function scores Z as {@code BaseOutputLayer.computeScore} does. Other layers, other
 * output layer types and data with masks use the full {@code score()}.
 */
final class NetworkCost {
    private static final double CONSISTENCY_TOLERANCE = 1e-12;
    private static final Set<String> DENSE_PARAMS =
            Set.of(DefaultParamInitializer.WEIGHT_KEY, DefaultParamInitializer.BIAS_KEY);

    private final MultiLayerNetwork net;
    private final DataSet data;
    private final int outputLayerIndex;
    /** Null when the shortcut does not apply. */
    private final OutputShortcut shortcut;

    NetworkCost(MultiLayerNetwork net, DataSet data) {
        this.net = net;
        this.data = data;
        this.outputLayerIndex = net.getnLayers() - 1;
        this.shortcut = shortcutApplies() ? new OutputShortcut() : null;
        if (shortcut != null) {
            requireShortcutMatchesScore();
        }
    }

    /** The cost at the current parameters, given that only the parameter at {@code flatIndex} of {@code block} changed. */
    double evaluate(ParamBlock block, int flatIndex) {
        if (shortcut == null || block.layerIndex() != outputLayerIndex) {
            return net.score(data, false);
        }
        return shortcut.score(block.lastDimensionIndex(flatIndex));
    }

    private boolean shortcutApplies() {
        Layer out = net.getOutputLayer();
        return !data.hasMaskArrays()
                && out.getClass() == OutputLayer.class
                && DENSE_PARAMS.containsAll(out.paramTable().keySet())
                && ((org.deeplearning4j.nn.conf.layers.BaseLayer) out.conf().getLayer()).getWeightNoise() == null;
    }

    private void requireShortcutMatchesScore() {
        double full = net.score(data, false);
        double fast = shortcut.score(0);
        if (Math.abs(full - fast) > CONSISTENCY_TOLERANCE * Math.max(1.0, Math.abs(full))) {
            throw new IllegalStateException("output-layer shortcut scores " + fast + " but MultiLayerNetwork.score gives "
                    + full);
        }
    }

    /**
     * Scores the dense output layer with only one pre-output column recomputed. Column views of
     * W and of the pre-output are made once (creating ND4J views costs more than the product
     * itself); the pre-output is f-ordered so its columns are contiguous and the product can
     * be written straight into one.
     */
    private final class OutputShortcut {
        private final Layer layer = net.getOutputLayer();
        private final BaseOutputLayer conf = (BaseOutputLayer) layer.conf().getLayer();
        private final INDArray input = inputOfOutputLayer();
        private final INDArray bias = layer.paramTable().get(DefaultParamInitializer.BIAS_KEY);
        private final INDArray[] weightColumns;
        private final INDArray basePreOutput;
        private final INDArray preOutput;
        private final INDArray[] preOutputColumns;
        private int changedColumn = -1;

        OutputShortcut() {
            INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            int columns = (int) weights.size(1);
            weightColumns = new INDArray[columns];
            preOutputColumns = new INDArray[columns];
            INDArray z = input.mmul(weights);
            basePreOutput = bias == null ? z : z.addiRowVector(bias);
            preOutput = basePreOutput.dup('f');
            for (int j = 0; j < columns; j++) {
                weightColumns[j] = weights.getColumn(j, true);
                preOutputColumns[j] = preOutput.getColumn(j, true);
            }
        }

        double score(int column) {
            if (changedColumn >= 0 && changedColumn != column) {
                preOutputColumns[changedColumn].assign(basePreOutput.getColumn(changedColumn, true));
            }
            changedColumn = column;
            INDArray changed = preOutputColumns[column];
            Nd4j.gemm(input, weightColumns[column], changed, false, false, 1.0, 0.0);
            if (bias != null) {
                changed.addi(bias.getDouble(column));
            }
            double loss = conf.getLossFn().computeScore(data.getLabels(), preOutput, conf.getActivationFn(), null, false);
            if (layer.conf().isMiniBatch()) {
                loss /= input.size(0);
            }
            return loss + net.calcRegularizationScore(true);
        }

        private INDArray inputOfOutputLayer() {
            INDArray features = data.getFeatures();
            INDArray below = outputLayerIndex == 0
                    ? features
                    : net.feedForwardToLayer(outputLayerIndex - 1, features, false).get(outputLayerIndex);
            InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(outputLayerIndex);
            return preProcessor == null
                    ? below
                    : preProcessor.preProcess(below, (int) features.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
    }
}
