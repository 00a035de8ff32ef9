package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How a network is trained: plain SGD on mini-batches with an optional schedule, L2 on the
 * weights, shuffling, augmentation and early stopping.
 *
 * @param engine {@code fit} (default: DL4J's {@code MultiLayerNetwork.fit}) or {@code lean} (the
 *               same SGD update by {@code org.repro4j.train.LeanSgdStep}, several times faster)
 */
public record TrainingSpec(
        String optimizer,
        @JsonProperty("learning_rate") double learningRate,
        ScheduleSpec schedule,
        L2Spec l2,
        @JsonProperty("batch_size") int batchSize,
        int epochs,
        Boolean shuffle,
        @JsonProperty("drop_last") Boolean dropLast,
        List<AugmentSpec> augment,
        @JsonProperty("early_stopping") EarlyStoppingSpec earlyStopping,
        Engine engine) implements java.io.Serializable {

    public TrainingSpec {
        optimizer = optimizer == null ? "sgd" : optimizer;
        schedule = schedule == null ? ScheduleSpec.CONSTANT : schedule;
        l2 = l2 == null ? L2Spec.NONE : l2;
        shuffle = shuffle != null && shuffle;
        dropLast = dropLast != null && dropLast;
        augment = augment == null ? List.of() : List.copyOf(augment);
        engine = engine == null ? Engine.FIT : engine;
    }

    /** Without {@code engine}: DL4J's {@code fit}. */
    public TrainingSpec(String optimizer, double learningRate, ScheduleSpec schedule, L2Spec l2, int batchSize,
                        int epochs, Boolean shuffle, Boolean dropLast, List<AugmentSpec> augment,
                        EarlyStoppingSpec earlyStopping) {
        this(optimizer, learningRate, schedule, l2, batchSize, epochs, shuffle, dropLast, augment, earlyStopping, null);
    }

    /**
     * @param type      {@code constant}, {@code exponential} (x gamma per epoch), {@code step}
     *                  (x factor at epoch {@code first_drop}, then every {@code every} epochs)
     */
    public record ScheduleSpec(Schedule type, Double gamma,
                               @JsonProperty("first_drop") Integer firstDrop,
                               Double factor, Integer every) implements java.io.Serializable {
        public static final ScheduleSpec CONSTANT = new ScheduleSpec(Schedule.CONSTANT, null, null, null, null);
    }

    /**
     * @param convention {@code sum-w2}: cost adds lambda * sum(W^2) (DD2424, and the TDT4265
     *                   report's 2*lambda*w gradient); {@code half-sum-w2}: lambda/2 * sum(W^2)
     * @param bias       regularise the biases too (default false): the TDT4265 code keeps the bias as
     *                   the last row of its weight matrix, so its L2 term covers it
     */
    public record L2Spec(double lambda, L2Convention convention, Boolean bias) implements java.io.Serializable {
        public static final L2Spec NONE = new L2Spec(0, L2Convention.SUM_W2);

        public L2Spec {
            convention = convention == null ? L2Convention.SUM_W2 : convention;
            bias = bias != null && bias;
        }

        public L2Spec(double lambda, L2Convention convention) {
            this(lambda, convention, false);
        }
    }

    /** @param type {@code flip} (p), {@code gaussian} (std, pixel units), {@code salt-pepper} (fraction) */
    public record AugmentSpec(Augmentation type, Double p, Double std, Double fraction) implements java.io.Serializable {
    }

    /** Validate {@code checks_per_epoch} times an epoch; stop after {@code patience} checks without improvement. */
    public record EarlyStoppingSpec(int patience, @JsonProperty("checks_per_epoch") int checksPerEpoch) implements java.io.Serializable {
    }
}
