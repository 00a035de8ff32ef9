package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.repro4j.data.Splits;
import org.repro4j.train.TrialResult;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Arbiter score of a candidate: accuracy (higher is better), mean loss or cost (lower is
 * better) of the trained network on the validation split, as the candidate's trial measured it.
 * The test split never reaches the search ({@link SplitsProvider}).
 */
final class ValidationScore implements ScoreFunction {
    private final String metric;

    /** @param metric {@code val_acc}, {@code val_loss} or {@code val_cost} */
    ValidationScore(String metric) {
        this.metric = metric;
    }

    /** The candidate's measure on the validation split, as its trial evaluated it after training. */
    @Override
    public double score(Object model, DataProvider data, Map<String, Object> dataParameters) {
        Double value = ((TrialResult) model).measures().get(metric);
        if (value == null) {
            throw new IllegalStateException("a candidate's trial has no " + metric + ": " + ((TrialResult) model).measures().keySet());
        }
        return value;
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
        return List.of(TrialResult.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(Splits.class);
    }
}
