package org.repro4j.train;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/**
 * Lets a listener end {@code fit(iterator)} in the middle of an epoch (the TDT4265 early stop
 * happens between validation checks, not at epoch ends). Not asynchronous, so DL4J does not
 * prefetch batches past the stop.
 */
final class StoppableIterator implements DataSetIterator {
    private final DataSetIterator inner;
    private volatile boolean stopped;

    StoppableIterator(DataSetIterator inner) {
        this.inner = inner;
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    @Override
    public boolean hasNext() {
        return !stopped && inner.hasNext();
    }

    @Override
    public DataSet next() {
        return inner.next();
    }

    @Override
    public DataSet next(int num) {
        return inner.next(num);
    }

    @Override
    public int inputColumns() {
        return inner.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return inner.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return inner.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        inner.reset();
    }

    @Override
    public int batch() {
        return inner.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        inner.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return inner.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return inner.getLabels();
    }
}
