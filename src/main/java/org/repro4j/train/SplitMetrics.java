package org.repro4j.train;

/**
 * What we measure on one split: the mean data loss, the cost (loss plus the L2 term, the
 * quantity SGD minimises) and the classification accuracy in [0, 1].
 */
public record SplitMetrics(double loss, double cost, double accuracy) {
}
