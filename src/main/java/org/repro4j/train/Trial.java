package org.repro4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.repro4j.Sha256;
import org.repro4j.spec.DataSpec;
import org.repro4j.spec.ExperimentSpec;
import org.repro4j.spec.MeasureSpec;
import org.repro4j.spec.NetworkSpec;
import org.repro4j.spec.Split;
import org.repro4j.spec.TrainingSpec;

import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;

/**
 * One training: a setting's data, network, training and measure sections with one seed, or one
 * search candidate. It holds everything that determines its result, so its {@link #sha256()}
 * names that result: two experiments (or two settings) that train the same thing share one
 * trial, stored once ({@link TrialStore}). What a setting is called is not part of it.
 *
 * @param quick      trained on the QUICK data for at most {@link RunOptions#QUICK_EPOCHS} epochs
 * @param evaluation what is measured besides the spec's {@code measure} section
 * @param codeSha256 the code that trains and measures ({@link CodeHash})
 * @param curves     the splits measured while it trains, as the {@code measure} section says when
 *                   (every epoch, every N steps, or on the early-stopping schedule), in {@link Split}
 *                   order; the others are measured only before and after. Which ones are needed
 *                   depends on the experiments that use the trial ({@link Curves}), so this is a
 *                   request, not part of the {@link #sha256() hash}: curves change neither what is
 *                   trained nor the measures, and a result with more curves serves a request for fewer.
 */
public record Trial(DataSpec data, NetworkSpec network, TrainingSpec training, MeasureSpec measure, long seed,
                    boolean quick, Evaluation evaluation, String codeSha256, List<Split> curves) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** What a trial measures after training, besides the curves its {@code measure} section asks for. */
    public enum Evaluation {
        /** An experiment's: untrained accuracies, every split at the end, and the arrays figures draw. */
        EXPERIMENT,
        /** A search candidate's: the validation split at the end; every batch scored for divergence. */
        CANDIDATE,
        /** A search's chosen candidate, trained again: train, validation and test at the end. */
        CHOSEN
    }

    public Trial {
        EnumSet<Split> set = EnumSet.noneOf(Split.class);
        set.addAll(curves);
        curves = List.copyOf(set);
    }

    /**
     * The trial of a resolved setting (or a candidate's experiment) with one seed, on this JVM's
     * code; an experiment's trial measures every split its {@code measure} section names while it
     * trains, a candidate's none.
     */
    public static Trial of(ExperimentSpec resolved, long seed, boolean quick, Evaluation evaluation) {
        return new Trial(resolved.data(), resolved.network(), resolved.training(), resolved.measure(), seed, quick,
                evaluation, CodeHash.current(), evaluation == Evaluation.EXPERIMENT ? resolved.measure().splits() : List.of());
    }

    /** The same trial measuring these splits while it trains. */
    public Trial withCurves(Collection<Split> splits) {
        return new Trial(data, network, training, measure, seed, quick, evaluation, codeSha256, List.copyOf(splits));
    }

    /** Canonical JSON of everything above: the trial's recipe, as stored beside its result. */
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a trial", e);
        }
    }

    /** The trial's identity: SHA-256 of its {@link #json()} without curves. */
    public String sha256() {
        return Sha256.of(withCurves(List.of()).json());
    }

    /** Epochs it trains at most. */
    int epochs() {
        return quick ? Math.min(training.epochs(), RunOptions.QUICK_EPOCHS) : training.epochs();
    }

    /**
     * Whether each batch's score is computed: the running loss reads it, and a search's divergence
     * watch (the lean engine otherwise skips it, which saves 10-15% of a step).
     */
    boolean scored() {
        return evaluation != Evaluation.EXPERIMENT || measure.runningLoss() != null;
    }
}
