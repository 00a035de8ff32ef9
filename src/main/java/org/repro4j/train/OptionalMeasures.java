package org.repro4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.repro4j.spec.TrainingSpec;
import org.repro4j.spec.MeasureSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The measurements a spec's {@code measure} section switches on beyond loss, cost and accuracy:
 * the running training loss ({@code running_loss}), the time per step ({@code step_time}) and the
 * squared norm of the first layer's parameters ({@code weight_norm}).
 */
final class OptionalMeasures {
    private final RunningLossListener runningLoss;
    private final StepTimeListener stepTimer;
    private final boolean weightNorm;

    OptionalMeasures(MeasureSpec m, TrainingSpec training, TrialRows rows) {
        this.runningLoss = m.runningLoss() == null ? null
                : new RunningLossListener(rows, m.runningLossSteps(), training.l2().lambda() > 0);
        this.stepTimer = m.stepTime() ? new StepTimeListener() : null;
        this.weightNorm = m.weightNorm();
    }

    /** The names {@link #measureAfterTraining} gives, in its order. */
    static List<String> names(MeasureSpec m) {
        List<String> names = new ArrayList<>();
        if (m.runningLoss() != null) {
            names.add("running_loss");
        }
        if (m.stepTime()) {
            names.add("step_ms");
        }
        if (m.weightNorm()) {
            names.add("weight_sq_norm");
        }
        return names;
    }

    /** The listeners to attach before any that measures, so a step's time and score are its own. */
    List<TrainingListener> listeners() {
        List<TrainingListener> listeners = new ArrayList<>();
        if (stepTimer != null) {
            listeners.add(stepTimer);
        }
        if (runningLoss != null) {
            listeners.add(runningLoss);
        }
        return listeners;
    }

    /**
     * {@code running_loss}: the last running mean; {@code step_ms}: the median step time;
     * {@code weight_sq_norm}: sum of squares of layer 0's W and b (the TDT4265 code's w, which
     * holds the bias as its last row).
     */
    void measureAfterTraining(MultiLayerNetwork net, BiConsumer<String, Double> measure) {
        if (runningLoss != null) {
            measure.accept("running_loss", runningLoss.last());
        }
        if (stepTimer != null) {
            measure.accept("step_ms", stepTimer.medianMillis());
        }
        if (weightNorm) {
            measure.accept("weight_sq_norm", squaredNorm(net.getLayer(0).getParam("W")) + squaredNorm(net.getLayer(0).getParam("b")));
        }
    }

    private static double squaredNorm(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        return d.mul(d).sumNumber().doubleValue();
    }
}
