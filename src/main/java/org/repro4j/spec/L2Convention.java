package org.repro4j.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.repro4j.ReproException;

/**
 * How a report's L2 strength lambda enters its cost ({@code training.l2.convention}), and the matching DL4J setting.
 *
 * <p>DL4J's {@code .l2(c)} adds c/2 * sum(W^2) to the score and c * W to the gradient. The
 * DD2424 cost J = mean loss + lambda * sum(W^2) therefore needs {@code l2(2 * lambda)}
 * ({@link #SUM_W2}); a handout that writes lambda/2 * sum(W^2) (gradient lambda * W) maps
 * one to one ({@link #HALF_SUM_W2}). Which weights are regularised (DD2424: W only, not b) is
 * the configuration's business: set {@code l2Bias(0)} there.
 */
public enum L2Convention {
    /** Cost term lambda * sum(W^2), gradient 2 * lambda * W. */
    @JsonProperty("sum-w2")
    SUM_W2(2.0),
    /** Cost term lambda / 2 * sum(W^2), gradient lambda * W. */
    @JsonProperty("half-sum-w2")
    HALF_SUM_W2(1.0);

    private final double dl4jFactor;

    L2Convention(double dl4jFactor) {
        this.dl4jFactor = dl4jFactor;
    }

    /** The coefficient to pass to DL4J's {@code .l2(...)} so its cost equals this convention's. */
    public double dl4jL2(double lambda) {
        return dl4jFactor * requireValid(lambda);
    }

    /** This convention's regularisation term for the given sum of squared weights. */
    public double penalty(double lambda, double sumOfSquaredWeights) {
        return dl4jL2(lambda) / 2.0 * sumOfSquaredWeights;
    }

    private static double requireValid(double lambda) {
        if (!(lambda >= 0.0) || Double.isInfinite(lambda)) {
            throw new ReproException("L2 strength lambda is " + lambda
                    + " but must be a finite number >= 0; fix the lambda value in the experiment spec.");
        }
        return lambda;
    }

    @Override
    public String toString() {
        return SpecNames.of(this);
    }
}
