package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The measurements of a cohort's networks, one pass over a split for all of them: the first network
 * measured on a split in a round (untrained, after a step, at an epoch's end, trained) has the
 * products of every network computed ({@link Evaluator#cohortProducts}); the others take their
 * columns. Why: each pass over a split reads every row for 10 output columns, so measuring is bound
 * by memory traffic; a cohort of 12 reads it once instead of 12 times. A round must end
 * ({@link #nextRound}) whenever the parameters change. Not thread-safe: one worker trains a cohort.
 */
final class CohortEvaluation implements SplitEvaluator, AutoCloseable {
    private final CohortSgdStep step;
    private final Map<DataSet, INDArray> products = new IdentityHashMap<>();

    CohortEvaluation(CohortSgdStep step) {
        this.step = step;
    }

    /** The parameters are about to change: the products of this round are freed. */
    void nextRound() {
        products.values().forEach(INDArray::close);
        products.clear();
    }

    @Override
    public SplitMetrics evaluate(MultiLayerNetwork net, DataSet split, DataNormalization normalizer) {
        int k = indexOf(net);
        if (k < 0) {
            return Evaluator.evaluate(net, split, normalizer);
        }
        INDArray p = products.computeIfAbsent(split, s -> Evaluator.cohortProducts(step, s, normalizer));
        return Evaluator.evaluateColumns(net, split, p, step.offset(k));
    }

    private int indexOf(MultiLayerNetwork net) {
        for (int k = 0; k < step.networks().size(); k++) {
            if (step.networks().get(k) == net) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        nextRound();
    }
}
