package org.repro4j.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A head cut without a copy holds the source's first rows, and frees the source when released. */
class DataSlicesTest {
    @Test
    void theHeadIsTheSourcesFirstRowsAndReleasingItFreesTheSource() {
        // Arrays that own their memory, as the loaders' are.
        DataSet source = new DataSet(Nd4j.create(new float[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9, 10, 11}}),
                Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}}));
        source.setExampleMetaData(List.<Serializable>of("a", "b", "c", "d"));
        DataSet tail = DataSlices.rows(source, 3, 4);
        DataSet head = DataSlices.head(source, 3);

        assertArrayEquals(new float[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, head.getFeatures().toFloatMatrix());
        assertArrayEquals(new float[][] {{9, 10, 11}}, tail.getFeatures().toFloatMatrix());
        assertEquals(List.of("a", "b", "c"), head.getExampleMetaData());
        head.getFeatures().divi(3);
        assertArrayEquals(new float[][] {{9, 10, 11}}, tail.getFeatures().toFloatMatrix(), "the tail is a copy");

        assertFalse(source.getFeatures().wasClosed());
        DataSlices.release(head);
        assertTrue(source.getFeatures().wasClosed(), "the rows read are freed with the head");
        assertTrue(source.getLabels().wasClosed());
        assertFalse(tail.getFeatures().wasClosed());
    }
}
