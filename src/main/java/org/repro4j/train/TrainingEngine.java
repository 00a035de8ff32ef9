package org.repro4j.train;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * How a network is trained for one epoch, as a spec's {@code training.engine} names it:
 * {@code fit}, DL4J's {@code MultiLayerNetwork.fit(iterator)}, or {@code lean}, the same SGD
 * update computed by {@link LeanSgdStep} and driven by {@link LeanTrainer} (same listeners, same
 * iteration and epoch counts, several times faster at these sizes).
 */
public interface TrainingEngine {
    String FIT = "fit";
    String LEAN = "lean";
    List<String> NAMES = List.of(FIT, LEAN);

    /** One pass over {@code batches}, like {@code net.fit(batches)}. */
    void fitEpoch(DataSetIterator batches);

    /**
     * @param scoring whether listeners need each batch's score in {@code net.score()} ({@code fit}
     *                always computes it; {@code lean} only when asked)
     * @throws org.repro4j.ReproException for {@code lean} on a network it cannot train exactly
     */
    static TrainingEngine forName(String name, MultiLayerNetwork net, boolean scoring) {
        return switch (name) {
            case FIT -> net::fit;
            case LEAN -> new LeanTrainer(net, scoring);
            default -> throw new IllegalArgumentException("unknown training engine '" + name + "'; expected one of " + NAMES);
        };
    }
}
