package org.repro4j.search;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.repro4j.data.Splits;

import java.util.Map;

/**
 * The search's data in Arbiter's terms: "train data" is the experiment's splits (the trainer takes
 * the training split and its normaliser), "test data" is the
 * validation split the candidates are scored on. The test split is deliberately not offered.
 */
final class SplitsProvider implements DataProvider {
    private final transient Splits data;

    /** Keeps every split but the test split, which only the chosen candidate ever sees. */
    SplitsProvider(Splits data) {
        this.data = data.withoutTest();
    }

    @Override
    public Object trainData(Map<String, Object> dataParameters) {
        return data;
    }

    @Override
    public Object testData(Map<String, Object> dataParameters) {
        return data.val();
    }

    @Override
    public Class<?> getDataType() {
        return Splits.class;
    }
}
