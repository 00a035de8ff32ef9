package org.repro4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.IntStream;

/** The MNIST protocols of the VU Deep Learning and TDT4265 assignments. */
final class MnistProtocol {
    private MnistProtocol() {
    }

    /** VU: x = pixels / 255; validation is the last {@code valSize} training images (0: none, test on 10k). */
    static DataProtocol vu(String description, int valSize) {
        return DataProtocol.of(description, options -> {
            options.requireNoDigits("the mnist-vu protocols use");
            DataSet all = Datasets.mnist(options.dataDir(), true, options.dtype());
            DataSet test = Datasets.mnist(options.dataDir(), false, options.dtype());
            int n = all.numExamples();
            // The tail is copied out; the training split is the head of the rows read, not a copy of it
            // (a copy held the training images twice while it was made, a full run's peak memory).
            DataSet val = valSize == 0 ? null : DataSlices.rows(all, n - valSize, n);
            DataSet train = valSize == 0 ? all : DataSlices.head(all, n - valSize);
            for (DataSet split : new DataSet[] {train, val, test}) {
                if (split != null) {
                    split.getFeatures().divi(255.0);
                }
            }
            return new Splits(train, val, test);
        });
    }

    /**
     * TDT4265: train = the first {@code trainSize} training images, validation = the first {@code valSize}
     * test images, x = pixels / 127.5 - 1; optionally only two digits, labelled 1 (first) and 0 (second).
     */
    static DataProtocol tdt(String description, int trainSize, int valSize) {
        return DataProtocol.of(description, options -> {
            DataSet train = Datasets.mnist(options.dataDir(), true, options.dtype(), trainSize);
            DataSet val = Datasets.mnist(options.dataDir(), false, options.dtype(), valSize);
            int[] digits = options.digits();
            if (digits != null) {
                DataSet tenClassTrain = train;
                DataSet tenClassVal = val;
                train = twoDigits(tenClassTrain, digits[0], digits[1]);
                val = twoDigits(tenClassVal, digits[0], digits[1]);
                DataSlices.release(tenClassTrain);
                DataSlices.release(tenClassVal);
            }
            for (DataSet split : new DataSet[] {train, val}) {
                split.getFeatures().divi(127.5).subi(1.0);
            }
            return new Splits(train, val, null);
        });
    }

    /** The examples of the two digits, in their original order; label [N, 1]: 1.0 for {@code positive}, else 0.0. */
    static DataSet twoDigits(DataSet tenClasses, int positive, int negative) {
        int[] classes = tenClasses.getLabels().argMax(1).toIntVector();
        int[] kept = IntStream.range(0, classes.length)
                .filter(i -> classes[i] == positive || classes[i] == negative)
                .toArray();
        double[] binary = Arrays.stream(kept).mapToDouble(i -> classes[i] == positive ? 1.0 : 0.0).toArray();
        INDArray labels = Nd4j.create(binary, new long[] {kept.length, 1}, 'c').castTo(tenClasses.getLabels().dataType());
        return DataSlices.select(tenClasses, kept, labels);
    }
}
