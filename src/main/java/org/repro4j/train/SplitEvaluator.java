package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/** How a trial's network is measured on a split: {@link Evaluator#evaluate}, or its cohort's shared pass ({@link CohortEvaluation}). */
@FunctionalInterface
interface SplitEvaluator {
    SplitEvaluator ALONE = Evaluator::evaluate;

    SplitMetrics evaluate(MultiLayerNetwork net, DataSet split, DataNormalization normalizer);
}
