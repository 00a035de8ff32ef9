package org.repro4j.data.augment;

import java.util.List;

import org.datavec.api.transform.Transform;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.repro4j.ReproException;

/**
 * Builds the DataVec pipeline the augmentations run in. A record is
 * {@code [NDArrayWritable features (1 x numFeatures), IntWritable label]}, features in pixel
 * space ([0,1] scaled, before z-scoring).
 */
public final class Augmentations {
    /** Name of the NDArray features column. */
    public static final String FEATURES = "features";
    /** Name of the integer class-label column. */
    public static final String LABEL = "label";

    private Augmentations() {
    }

    /** The record schema: an NDArray column of shape [1, numFeatures] and an integer label. */
    public static Schema schema(int numFeatures) {
        if (numFeatures < 1) {
            throw new ReproException("Augmentations: numFeatures must be >= 1, got " + numFeatures + ".");
        }
        return new Schema.Builder()
                .addColumnNDArray(FEATURES, new long[] {1, numFeatures})
                .addColumnInteger(LABEL)
                .build();
    }

    /** One TransformProcess applying {@code transforms} in list order (an empty list is the identity). */
    public static TransformProcess chain(List<? extends Transform> transforms, int numFeatures) {
        TransformProcess.Builder builder = new TransformProcess.Builder(schema(numFeatures));
        for (Transform transform : transforms) {
            builder.transform(transform);
        }
        return builder.build();
    }
}
