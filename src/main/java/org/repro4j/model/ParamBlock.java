package org.repro4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.repro4j.ReproException;

/**
 * One parameter array of a network ("0_W") as the contiguous block [start, end) of the flat
 * {@code params()} vector that DL4J lays it out in, with its view and its regularisation.
 */
record ParamBlock(String key, int layerIndex, String name, int start, int end, INDArray view,
        List<Regularization> regularisations) {

    /** All parameter arrays of the network in flat order; checks the layout rather than assuming it. */
    static List<ParamBlock> of(MultiLayerNetwork net) {
        INDArray flat = net.params();
        double[] flatValues = flat.toDoubleVector();
        List<ParamBlock> blocks = new ArrayList<>();
        int start = 0;
        for (Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                INDArray view = param.getValue();
                int end = start + (int) view.length();
                List<Regularization> regs = conf instanceof BaseLayer base
                        ? base.getRegularizationByParam(param.getKey()) : null;
                ParamBlock block = new ParamBlock(layer.getIndex() + "_" + param.getKey(), layer.getIndex(),
                        param.getKey(), start, end, view, regs == null ? List.of() : regs);
                block.requireViewOf(flat, flatValues);
                blocks.add(block);
                start = end;
            }
        }
        if (start != flat.length()) {
            throw new IllegalStateException("parameter arrays cover " + start + " of " + flat.length() + " parameters");
        }
        return blocks;
    }

    /** Pairing flat indices with entries relies on the view being this block, in its own order. */
    private void requireViewOf(INDArray flat, double[] flatValues) {
        boolean sameMemory = view.offset() - flat.offset() == start;
        boolean sameOrder = Arrays.equals(flatInOwnOrder(view), Arrays.copyOfRange(flatValues, start, end));
        if (!sameMemory || !sameOrder) {
            throw new IllegalStateException("parameter " + key + " is not the contiguous block [" + start + ", " + end
                    + ") of params()");
        }
    }

    /** Index along the view's last dimension (the output unit, for dense W and b) of a flat index in this block. */
    int lastDimensionIndex(int flatIndex) {
        int last = view.rank() - 1;
        return (int) (((flatIndex - start) / view.stride(last)) % view.size(last));
    }

    /** Gradient of this parameter's regularisation terms at its current values, in the flat layout. */
    double[] regularisationGradient() {
        INDArray gradient = Nd4j.zeros(view.dataType(), view.shape()).dup(view.ordering());
        for (Regularization regularisation : regularisations) {
            if (regularisation.applyStep() != Regularization.ApplyStep.BEFORE_UPDATER) {
                throw new ReproException("gradient check: " + key + " uses " + regularisation
                        + ", which is applied after the updater and is not the gradient of a cost term; use "
                        + "l1/l2 instead of weight decay in a gradient-check network.");
            }
            // L1/L2 ignore the learning-rate, iteration and epoch arguments.
            regularisation.apply(view, gradient, 1.0, 0, 0);
        }
        return flatInOwnOrder(gradient);
    }

    private static double[] flatInOwnOrder(INDArray array) {
        return Nd4j.toFlattened(array.ordering(), array).toDoubleVector();
    }
}
