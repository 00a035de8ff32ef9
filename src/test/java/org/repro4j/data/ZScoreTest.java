package org.repro4j.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZScoreTest {

    @Test
    void givesTheStatisticsOfNd4jsOwnFit() {
        for (DataType dtype : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            // More rows than one chunk, and a non-zero mean, so chunking and centring both matter.
            INDArray features = Nd4j.rand(dtype, 12_345, 7).muli(3).addi(5);
            NormalizerStandardize reference = new NormalizerStandardize();
            reference.fit(new DataSet(features, Nd4j.zeros(dtype, 12_345, 1)));

            NormalizerStandardize fitted = ZScore.fit(features);

            double tolerance = dtype == DataType.DOUBLE ? 1e-12 : 1e-4;
            assertTrue(fitted.getMean().equalsWithEps(reference.getMean().reshape(1, 7), tolerance), dtype + " mean");
            assertTrue(fitted.getStd().equalsWithEps(reference.getStd().reshape(1, 7), tolerance), dtype + " std");
        }
    }

    @Test
    void usesThePopulationStandardDeviation() {
        INDArray features = Nd4j.createFromArray(new double[][] {{1, 10}, {3, 10}});
        NormalizerStandardize fitted = ZScore.fit(features);
        assertEquals(2.0, fitted.getMean().getDouble(0), 1e-15);
        assertEquals(1.0, fitted.getStd().getDouble(0), 1e-15);
        assertTrue(fitted.getStd().getDouble(1) > 0, "a constant dimension does not divide by zero");
    }
}
