package org.repro4j.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.repro4j.ReproException;

class AugmentationsTest {

    private static INDArray row(double... values) {
        return Nd4j.create(values, new long[] {1, values.length}, 'c').castTo(DataType.FLOAT);
    }

    private static List<Writable> record(INDArray features, int label) {
        return Arrays.asList(new NDArrayWritable(features), new IntWritable(label));
    }

    private static double[] featuresOf(List<Writable> record) {
        return ((NDArrayWritable) record.get(0)).get().toDoubleVector();
    }

    @Test
    void flipMirrorsEachRowOfEachChannelPlane() {
        // 2 channels of 2x3, planar C,H,W.
        INDArray image = row(1, 2, 3, 4, 5, 6, /* channel 1 */ 7, 8, 9, 10, 11, 12);
        TransformProcess tp = Augmentations.chain(List.of(new HorizontalFlipTransform(1.0, 1, 2, 2, 3)), 12);

        List<Writable> out = tp.execute(record(image, 4));

        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, featuresOf(out), 0);
        assertEquals(4, out.get(1).toInt());
        assertEquals(DataType.FLOAT, ((NDArrayWritable) out.get(0)).get().dataType());
        assertArrayEquals(new long[] {1, 12}, ((NDArrayWritable) out.get(0)).get().shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, image.toDoubleVector(), 0,
                "the input array must not be modified");
    }

    @Test
    void flipWithProbabilityZeroKeepsTheRecord() {
        HorizontalFlipTransform never = new HorizontalFlipTransform(0.0, 1, 1, 2, 2);
        INDArray image = row(1, 2, 3, 4);
        assertSame(image, never.apply(image));
    }

    @Test
    void flipDecisionsFollowTheSeedAndTheProbability() {
        List<Boolean> first = flipDecisions(new HorizontalFlipTransform(0.5, 42, 1, 1, 2), 2000);
        List<Boolean> again = flipDecisions(new HorizontalFlipTransform(0.5, 42, 1, 1, 2), 2000);
        List<Boolean> other = flipDecisions(new HorizontalFlipTransform(0.5, 43, 1, 1, 2), 2000);

        assertEquals(first, again);
        assertNotEquals(first, other);
        long flipped = first.stream().filter(b -> b).count();
        assertTrue(flipped > 900 && flipped < 1100, "about half of 2000 images flipped, got " + flipped);
    }

    private static List<Boolean> flipDecisions(HorizontalFlipTransform flip, int n) {
        List<Boolean> decisions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            decisions.add(flip.apply(row(0, 1)).getDouble(0) == 1.0);
        }
        return decisions;
    }

    @Test
    void flipRejectsAWrongImageShape() {
        HorizontalFlipTransform flip = new HorizontalFlipTransform(1.0, 1, 3, 32, 32);
        ReproException e = assertThrows(ReproException.class, () -> flip.apply(row(1, 2, 3)));
        assertTrue(e.getMessage().contains("3x32x32"), e.getMessage());
        assertThrows(ReproException.class, () -> new HorizontalFlipTransform(1.5, 1, 3, 32, 32));
    }

    @Test
    void gaussianNoiseHasTheRequestedSpreadAndFollowsTheSeed() {
        INDArray image = Nd4j.valueArrayOf(new long[] {1, 20000}, 0.5, DataType.FLOAT);
        INDArray noisy = new GaussianNoiseTransform(0.01, 7).apply(image);
        INDArray noise = noisy.castTo(DataType.DOUBLE).sub(0.5);

        assertEquals(0.0, noise.meanNumber().doubleValue(), 3e-4);
        assertEquals(0.01, noise.stdNumber().doubleValue(), 3e-4);
        assertEquals(DataType.FLOAT, noisy.dataType());
        assertEquals(0.5, image.maxNumber().doubleValue(), 0, "the input array must not be modified");

        GaussianNoiseTransform a = new GaussianNoiseTransform(0.01, 7);
        GaussianNoiseTransform b = new GaussianNoiseTransform(0.01, 7);
        for (int i = 0; i < 3; i++) {
            assertEquals(a.apply(image), b.apply(image), "same seed, same sequence (call " + i + ")");
        }
        assertNotEquals(new GaussianNoiseTransform(0.01, 8).apply(image),
                new GaussianNoiseTransform(0.01, 7).apply(image));
    }

    @Test
    void doubleFeaturesStayDouble() {
        INDArray image = Nd4j.valueArrayOf(new long[] {1, 6}, 0.25, DataType.DOUBLE);
        INDArray noisy = new GaussianNoiseTransform(1e-9, 1).apply(image);
        assertEquals(DataType.DOUBLE, noisy.dataType());
        assertEquals(0.25, noisy.getDouble(0, 3), 1e-8);
        assertNotEquals(0.25, noisy.getDouble(0, 3), "noise below float resolution survives in double");
    }

    @Test
    void saltAndPepperReplacesTheFractionHalfEachWay() {
        INDArray image = Nd4j.valueArrayOf(new long[] {1, 40000}, 0.5, DataType.FLOAT);
        double[] out = new SaltPepperTransform(0.1, 3).apply(image).toDoubleVector();

        long salt = Arrays.stream(out).filter(v -> v == 1.0).count();
        long pepper = Arrays.stream(out).filter(v -> v == 0.0).count();
        long untouched = Arrays.stream(out).filter(v -> v == 0.5).count();
        assertEquals(out.length, salt + pepper + untouched);
        assertEquals(2000, salt, 150);
        assertEquals(2000, pepper, 150);

        assertEquals(new SaltPepperTransform(0.1, 3).apply(image), new SaltPepperTransform(0.1, 3).apply(image));
        assertThrows(ReproException.class, () -> new SaltPepperTransform(-0.1, 3));
    }

    @Test
    void chainAppliesTransformsInListOrder() {
        // Flip and salt & pepper do not commute: the noise hits fixed positions for a seed.
        INDArray image = row(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8);
        TransformProcess tp = Augmentations.chain(
                List.of(new HorizontalFlipTransform(1.0, 1, 1, 1, 8), new SaltPepperTransform(0.5, 2)), 8);

        INDArray flipped = new HorizontalFlipTransform(1.0, 1, 1, 1, 8).apply(image);
        INDArray flipThenNoise = new SaltPepperTransform(0.5, 2).apply(flipped);
        INDArray noised = new SaltPepperTransform(0.5, 2).apply(image);
        INDArray noiseThenFlip = new HorizontalFlipTransform(1.0, 1, 1, 1, 8).apply(noised);
        assertNotEquals(flipThenNoise, noiseThenFlip, "a seed where the order matters");
        assertArrayEquals(flipThenNoise.toDoubleVector(), featuresOf(tp.execute(record(image, 0))), 0);

        TransformProcess identity = Augmentations.chain(List.of(), 8);
        assertArrayEquals(image.toDoubleVector(), featuresOf(identity.execute(record(image, 0))), 0);
    }

    @Test
    void transformProcessSurvivesJsonAndRestartsFromTheSeed() {
        TransformProcess tp = Augmentations.chain(List.of(new HorizontalFlipTransform(0.5, 11, 1, 2, 2),
                new GaussianNoiseTransform(0.01, 12), new SaltPepperTransform(0.05, 13)), 4);
        TransformProcess restored = TransformProcess.fromJson(tp.toJson());

        assertEquals(tp.toJson(), restored.toJson());
        INDArray image = row(0.1, 0.2, 0.3, 0.4);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(featuresOf(tp.execute(record(image, 1))), featuresOf(restored.execute(record(image, 1))),
                    0, "record " + i);
        }
    }

    @Test
    void schemaHasAnNdArrayFeaturesColumnAndAnIntegerLabel() {
        Schema schema = Augmentations.schema(3072);
        assertEquals(List.of(Augmentations.FEATURES, Augmentations.LABEL), schema.getColumnNames());
        assertEquals(org.datavec.api.transform.ColumnType.NDArray, schema.getType(0));
        assertEquals(org.datavec.api.transform.ColumnType.Integer, schema.getType(1));
    }

    @Test
    void transformOnASchemaWithoutFeaturesColumnIsAUserError() {
        Schema wrong = new Schema.Builder().addColumnDouble("x").addColumnInteger("label").build();
        ReproException e = assertThrows(ReproException.class,
                () -> new TransformProcess.Builder(wrong).transform(new GaussianNoiseTransform(0.01, 1)).build());
        assertTrue(e.getMessage().contains("Augmentations.chain"), e.getMessage());
    }
}
