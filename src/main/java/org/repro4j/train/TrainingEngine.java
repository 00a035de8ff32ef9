package org.repro4j.train;

import java.util.concurrent.atomic.AtomicBoolean;
import org.repro4j.spec.Engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * How a network is trained for one epoch, as a spec's {@code training.engine} names it:
 * {@code fit}, DL4J's {@code MultiLayerNetwork.fit(iterator)}, or {@code lean}, the same SGD
 * update computed by {@link LeanSgdStep} and driven by {@link LeanTrainer} (same listeners, same
 * iteration and epoch counts, several times faster at these sizes). The lean step is written for
 * the CPU (OpenBLAS on host memory); where it cannot run (the CUDA backend) {@code lean} trains
 * with {@code fit}, which makes the same update, and says so once.
 */
public interface TrainingEngine {

    /** One pass over {@code batches}, like {@code net.fit(batches)}. */
    void fitEpoch(DataSetIterator batches);

    /**
     * @param scoring whether listeners need each batch's score in {@code net.score()} ({@code fit}
     *                always computes it; {@code lean} only when asked)
     * @throws org.repro4j.ReproException for {@code lean} on a network it cannot train exactly
     */
    static TrainingEngine of(Engine engine, MultiLayerNetwork net, boolean scoring) {
        return switch (engine) {
            case FIT -> net::fit;
            case LEAN -> LeanSgdStep.unavailableReason() == null ? new LeanTrainer(net, scoring) : FitFallback.fit(net);
        };
    }

    /** {@code fit} in place of {@code lean} where the lean step cannot run, said once per JVM. */
    final class FitFallback {
        private static final AtomicBoolean SAID = new AtomicBoolean();

        private FitFallback() {
        }

        static TrainingEngine fit(MultiLayerNetwork net) {
            if (SAID.compareAndSet(false, true)) {
                System.err.println("note: training.engine 'lean' trains with DL4J's fit here (the same SGD update): "
                        + LeanSgdStep.unavailableReason() + ".");
            }
            return net::fit;
        }
    }
}
