package org.repro4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/**
 * The VU assignment's synthetic two-class data: x ~ N(0, I2), class 1 when x^T Q x > 0.6 with
 * Q = [[1, .5], [1, .2]], else class 0. Labels are one-hot over the two classes.
 *
 * <p>Drawn with {@link java.util.Random} from the seed, not with ND4J's generator, so the same seed
 * gives the same points on every backend (CPU or CUDA) and every ND4J version.
 */
public final class SyntheticEllipse implements DataProtocol {
    public static final int TRAIN_SIZE = 60_000;
    public static final int VAL_SIZE = 10_000;
    public static final double THRESHOLD = 0.6;
    /** Q, row by row. */
    public static final double[][] Q = {{1.0, 0.5}, {1.0, 0.2}};

    /** The class of a point: 1 when x^T Q x > 0.6, else 0. */
    public static int classOf(double x1, double x2) {
        double quadratic = x1 * (Q[0][0] * x1 + Q[0][1] * x2) + x2 * (Q[1][0] * x1 + Q[1][1] * x2);
        return quadratic > THRESHOLD ? 1 : 0;
    }

    @Override
    public String description() {
        return "VU synthetic: x ~ N(0, I2), class [x^T Q x > 0.6], 60,000 train / 10,000 val, from the seed; no test";
    }

    @Override
    public Splits load(ProtocolOptions options) {
        options.requireNoDigits("synthetic-ellipse has two classes of its own, not");
        Random random = new Random(options.seed());
        DataSet train = draw(random, TRAIN_SIZE, options);
        DataSet val = draw(random, VAL_SIZE, options);
        return new Splits(train, val, null);
    }

    private static DataSet draw(Random random, int count, ProtocolOptions options) {
        double[] points = new double[count * 2];
        double[] oneHot = new double[count * 2];
        for (int i = 0; i < count; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            points[2 * i] = x1;
            points[2 * i + 1] = x2;
            oneHot[2 * i + classOf(x1, x2)] = 1.0;
        }
        INDArray features = Nd4j.create(points, new long[] {count, 2}, 'c').castTo(options.dtype());
        INDArray labels = Nd4j.create(oneHot, new long[] {count, 2}, 'c').castTo(options.dtype());
        DataSet dataSet = new DataSet(features, labels);
        dataSet.setLabelNames(List.of("0", "1"));
        return dataSet;
    }
}
