package org.repro4j.data;

import org.repro4j.spec.Protocol;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VU synthetic data: its class balance is the one the distribution implies, and its boundary is x^T Q x = 0.6. */
class SyntheticEllipseTest {

    @Test
    void classBalanceMatchesTheProbabilityOfTheRegion() {
        double expected = probabilityOfClassOne();
        for (long seed : new long[]{1, 2}) {
            Splits s = Protocols.load(Protocol.SYNTHETIC_ELLIPSE, new ProtocolOptions(Path.of("unused"), DataType.DOUBLE, null, seed));
            for (var split : new org.nd4j.linalg.dataset.DataSet[]{s.train(), s.val()}) {
                int n = split.numExamples();
                double observed = split.getLabels().getColumn(1).sumNumber().doubleValue() / n;
                double standardError = Math.sqrt(expected * (1 - expected) / n);
                assertEquals(expected, observed, 4 * standardError + 1e-3,
                        "seed " + seed + ", " + n + " points: class-1 fraction");
            }
        }
    }

    @Test
    void theBoundaryIsTheQuadraticFormAtZeroPointSix() {
        // Points just inside and outside the level set x^T Q x = 0.6 along a few directions.
        for (double angle = 0; angle < 2 * Math.PI; angle += 0.1) {
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double q = c * c + 1.5 * c * s + 0.2 * s * s; // x^T Q x on the unit circle
            if (q <= 0) {
                assertEquals(0, SyntheticEllipse.classOf(10 * c, 10 * s), "no radius reaches 0.6 at angle " + angle);
                continue;
            }
            double r = Math.sqrt(0.6 / q);
            assertEquals(1, SyntheticEllipse.classOf(1.001 * r * c, 1.001 * r * s), "just outside at angle " + angle);
            assertEquals(0, SyntheticEllipse.classOf(0.999 * r * c, 0.999 * r * s), "just inside at angle " + angle);
        }
        assertEquals(0, SyntheticEllipse.classOf(0, 0));
    }

    /** P(x^T Q x > 0.6) for x ~ N(0, I2), by the midpoint rule over [-8, 8]^2 (error well below 1e-3). */
    private static double probabilityOfClassOne() {
        int n = 2000;
        double lo = -8;
        double h = 16.0 / n;
        double[] density = new double[n];
        for (int i = 0; i < n; i++) {
            double x = lo + (i + 0.5) * h;
            density[i] = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * h;
        }
        double p = 0;
        for (int i = 0; i < n; i++) {
            double x1 = lo + (i + 0.5) * h;
            for (int j = 0; j < n; j++) {
                double x2 = lo + (j + 0.5) * h;
                if (SyntheticEllipse.classOf(x1, x2) == 1) {
                    p += density[i] * density[j];
                }
            }
        }
        assertTrue(p > 0.05 && p < 0.95, "a two-class problem: " + p);
        return p;
    }
}
