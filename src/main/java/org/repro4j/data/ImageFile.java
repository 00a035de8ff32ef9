package org.repro4j.data;

import java.net.URI;

/**
 * The validated content of one image file (a CIFAR-10 batch, or an MNIST images/labels pair):
 * {@code labels.length} images of {@code imageBytes} raw pixel bytes each. The pixels stay in the
 * file's own byte array, image {@code i} starting at {@code firstPixel + i * stride}, so that
 * decoding copies nothing.
 */
record ImageFile(URI uri, byte[] content, int firstPixel, int stride, int imageBytes, byte[] labels) {

    int count() {
        return labels.length;
    }

    int label(int index) {
        return labels[index];
    }

    /** Pixel values 0..255 of one image, in file order. */
    float[] pixelValues(int index) {
        float[] values = new float[imageBytes];
        copyPixelValues(index, values);
        return values;
    }

    /** Copies the raw pixel bytes of one image into {@code target} from {@code offset} on. */
    void copyPixels(int index, byte[] target, int offset) {
        System.arraycopy(content, firstPixel + index * stride, target, offset, imageBytes);
    }

    /** Writes the pixel values 0..255 of one image into the start of {@code target}. */
    void copyPixelValues(int index, float[] target) {
        int from = firstPixel + index * stride;
        for (int i = 0; i < imageBytes; i++) {
            target[i] = content[from + i] & 0xFF;
        }
    }
}
