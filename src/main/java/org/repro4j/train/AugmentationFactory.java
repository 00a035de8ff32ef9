package org.repro4j.train;

import org.datavec.api.transform.Transform;
import org.datavec.api.transform.TransformProcess;
import org.repro4j.data.ImageShape;
import org.repro4j.data.augment.Augmentations;
import org.repro4j.data.augment.GaussianNoiseTransform;
import org.repro4j.data.augment.HorizontalFlipTransform;
import org.repro4j.data.augment.SaltPepperTransform;
import org.repro4j.spec.TrainingSpec.AugmentSpec;

import java.util.ArrayList;
import java.util.List;

/** A spec's {@code training.augment} list as one seeded DataVec {@link TransformProcess}. */
final class AugmentationFactory {
    private AugmentationFactory() {
    }

    static TransformProcess fromSpec(List<AugmentSpec> specs, long seed, ImageShape shape) {
        List<Transform> transforms = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            AugmentSpec a = specs.get(i);
            // Each stage gets its own stream, so adding a stage does not change the others' draws.
            long stageSeed = seed * 1_000_003L + i;
            transforms.add(switch (a.type()) {
                case FLIP -> new HorizontalFlipTransform(a.p(), stageSeed, shape.channels(), shape.height(), shape.width());
                case GAUSSIAN -> new GaussianNoiseTransform(a.std(), stageSeed);
                case SALT_PEPPER -> new SaltPepperTransform(a.fraction(), stageSeed);
            });
        }
        return Augmentations.chain(transforms, shape.channels() * shape.height() * shape.width());
    }
}
