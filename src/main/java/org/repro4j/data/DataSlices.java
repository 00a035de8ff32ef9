package org.repro4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Row subsets of a data set, keeping each example's origin metadata and the label names: independent
 * copies, so that normalising one split in place can never touch another, except {@link #head}, the
 * one split left in the rows it was read into once the others are copied out.
 */
final class DataSlices {
    private DataSlices() {
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    static DataSet rows(DataSet source, int from, int to) {
        DataSet slice = new DataSet(
                source.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
                source.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup());
        List<Serializable> origins = source.getExampleMetaData();
        if (origins != null && origins.size() == source.numExamples()) {
            slice.setExampleMetaData(new ArrayList<>(origins.subList(from, to)));
        }
        slice.setLabelNames(source.getLabelNamesList());
        return slice;
    }

    /**
     * Rows {@code [0, to)} of {@code source} as views, without a copy: a data set that owns its
     * source's arrays and frees them when {@link #release released}. For a protocol's training split
     * cut from the head of the rows it read, where a copy would hold the data twice while it is made.
     * Nothing else may use {@code source} afterwards (the other rows must be copied out first).
     */
    static DataSet head(DataSet source, int to) {
        DataSet head = new Owning(source.getFeatures().get(NDArrayIndex.interval(0, to), NDArrayIndex.all()),
                source.getLabels().get(NDArrayIndex.interval(0, to), NDArrayIndex.all()), source);
        List<Serializable> origins = source.getExampleMetaData();
        if (origins != null && origins.size() == source.numExamples()) {
            head.setExampleMetaData(new ArrayList<>(origins.subList(0, to)));
        }
        head.setLabelNames(source.getLabelNamesList());
        return head;
    }

    /** The given rows, in the order given, with the given labels instead of the source's. */
    static DataSet select(DataSet source, int[] rows, INDArray labels) {
        DataSet selection = new DataSet(Nd4j.pullRows(source.getFeatures(), 1, rows), labels);
        List<Serializable> origins = source.getExampleMetaData();
        if (origins != null && origins.size() == source.numExamples()) {
            List<Serializable> kept = new ArrayList<>(rows.length);
            for (int row : rows) {
                kept.add(origins.get(row));
            }
            selection.setExampleMetaData(kept);
        }
        return selection;
    }

    /** An independent copy, metadata and label names included (DataSet.copy() drops the metadata). */
    static DataSet copy(DataSet source) {
        DataSet copy = source.copy();
        if (source.getExampleMetaData() != null) {
            copy.setExampleMetaData(new ArrayList<>(source.getExampleMetaData()));
        }
        copy.setLabelNames(source.getLabelNamesList());
        return copy;
    }

    /**
     * Frees a data set's arrays now (those that own their memory), when nothing will read them again:
     * ND4J would otherwise free them only once the garbage collector collects them.
     */
    static void release(DataSet d) {
        RecordLoading.free(d.getFeatures());
        RecordLoading.free(d.getLabels());
        if (d instanceof Owning owning) {
            release(owning.source);
        }
    }

    /** Views of rows of a source data set, which it owns: releasing it releases the source. */
    private static final class Owning extends DataSet {
        private final DataSet source;

        Owning(INDArray features, INDArray labels, DataSet source) {
            super(features, labels);
            this.source = source;
        }
    }
}
