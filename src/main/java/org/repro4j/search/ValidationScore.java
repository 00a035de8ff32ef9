package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.repro4j.train.Evaluator;
import org.repro4j.train.SplitMetrics;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Arbiter score of a candidate: accuracy (higher is better), mean loss or cost (lower is
 * better) of the trained network on the validation split. The data provider's "test data" is
 * the validation split ({@link SplitsProvider}); the test split never reaches the search.
 */
final class ValidationScore implements ScoreFunction {
    private final String metric;

    /** @param metric {@code val_acc}, {@code val_loss} or {@code val_cost} */
    ValidationScore(String metric) {
        this.metric = metric;
    }

    @Override
    public double score(Object model, DataProvider data, Map<String, Object> dataParameters) {
        return pick(Evaluator.evaluate((MultiLayerNetwork) model, (DataSet) data.testData(dataParameters)));
    }

    double pick(SplitMetrics m) {
        return switch (metric) {
            case "val_acc" -> m.accuracy();
            case "val_loss" -> m.loss();
            default -> m.cost();
        };
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        throw new UnsupportedOperationException("searches hand their splits to Arbiter as a DataProvider");
    }

    @Override
    public boolean minimize() {
        return !"val_acc".equals(metric);
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(MultiLayerNetwork.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(DataSet.class);
    }
}
