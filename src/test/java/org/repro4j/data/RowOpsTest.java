package org.repro4j.data;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RowOpsTest {

    /**
     * The use-after-free of the two SIGSEGVs in Java terms. ND4J's executioner reads the op's dimension
     * array's native handle, then calls into native code holding nothing of the op; this stand-in does
     * the same (drops its reference) and collects garbage meanwhile, as another thread may. Were the op
     * left to the executioner alone ({@code exec(new BroadcastAddOp(...))}, how {@code addiRowVector}
     * calls it), the collection clears the dimension array, whose handle ND4J's deallocator then deletes
     * under the native call.
     */
    @Test
    void theOpsDimensionArrayOutlivesTheNativeCall() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray row = Nd4j.rand(DataType.FLOAT, 1, 3);
        INDArray expected = matrix.dup().addiRowVector(row);
        AtomicBoolean collected = new AtomicBoolean();
        // A class, not a lambda: a lambda's generated method would hold the op in a frame of its own.
        RowOps.held(() -> new BroadcastAddOp(matrix, row, matrix, 1), new RowOps.Executioner() {
            @Override
            public void exec(BroadcastOp op) {
                WeakReference<INDArray> dimensions = new WeakReference<>(op.dimensions());
                BroadcastOp copy = new BroadcastAddOp(op.x(), op.y(), op.z(), op.dimensions().toIntVector());
                op = null; // as a compiled NativeOpExecutioner.exec has no use for it once the native call is made
                collected.set(collectedAfterGc(dimensions));
                Nd4j.getExecutioner().exec(copy);
            }
        });
        assertFalse(collected.get(), "the op's dimension array was collected while its native call ran");
        assertEquals(expected, matrix);
    }

    private static boolean collectedAfterGc(WeakReference<?> ref) {
        for (int i = 0; i < 5 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ref.get() == null;
    }

    @Test
    void giveNd4jsRowVectorOpsBitForBit() {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray matrix = Nd4j.rand(dtype, 37, 11).subi(0.5);
            INDArray row = Nd4j.rand(dtype, 1, 11).addi(0.25);
            assertEquals(matrix.dup().addiRowVector(row), RowOps.addi(matrix.dup(), row), dtype + " add");
            assertEquals(matrix.dup().subiRowVector(row), RowOps.subi(matrix.dup(), row), dtype + " sub");
            assertEquals(matrix.dup().diviRowVector(row), RowOps.divi(matrix.dup(), row), dtype + " div");
            INDArray one = matrix.getRow(3, true).dup();
            assertEquals(one.dup().addiRowVector(row), RowOps.addi(one.dup(), row), dtype + " one row");
        }
    }

    @Test
    void standardizesAsTheNormalizerDoes() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 500, 20).muli(255);
        features.getColumn(4).assign(7); // a constant column: its standard deviation is raised to epsilon, not 0
        NormalizerStandardize normalizer = ZScore.fit(features);
        INDArray rows = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 164),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        INDArray expected = rows.dup('c');
        normalizer.transform(expected);
        INDArray actual = RowOps.standardize(rows.dup('c'), normalizer);
        assertArrayEquals(expected.data().asFloat(), actual.data().asFloat());
        DataSet set = new DataSet(rows.dup('c'), Nd4j.zeros(DataType.FLOAT, 64, 1));
        normalizer.transform(set);
        assertEquals(set.getFeatures(), actual);
    }
}
