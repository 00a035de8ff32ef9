package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightImagesTest {
    private static final int SCALE = 10;

    @TempDir
    Path dir;

    /**
     * A DL4J-style [nIn=12, nOut=2] matrix for 3 channels of 2x2: class 0 holds 0..11 (so its
     * pixels are known ramps), class 1 is constant (drawn mid-grey).
     */
    private static INDArray dl4jWeights() {
        INDArray w = Nd4j.create(DataType.FLOAT, 12, 2);
        for (int i = 0; i < 12; i++) {
            w.putScalar(i, 0, i);
            w.putScalar(i, 1, 3.5);
        }
        return w;
    }

    private static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    /** The top-left image pixel of weight (row, col) of class k, for labels narrower than a tile. */
    private static int[] at(int k, int tile, int row, int col) {
        int x = WeightImages.GAP + k * (tile + WeightImages.GAP) + col * SCALE + SCALE / 2;
        int y = WeightImages.GAP + row * SCALE + SCALE / 2;
        return new int[] {x, y};
    }

    @Test
    void rgbPlanesAreScaledPerImageAndUpscaled() throws Exception {
        Path png = dir.resolve("w.png");
        WeightImages.render(png, dl4jWeights().transpose(), 3, 2, 2, new String[] {"a", "b"}, SCALE);
        BufferedImage image = ImageIO.read(png.toFile());

        int tile = 2 * SCALE;
        assertEquals(3 * WeightImages.GAP + 2 * tile, image.getWidth());
        assertEquals(WeightImages.GAP + tile + WeightImages.LABEL_HEIGHT, image.getHeight());
        // Class 0, pixel (r, c): red = 0 + 2r + c, green = 4 + ..., blue = 8 + ..., scaled by 255/11.
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                int i = 2 * r + c;
                int expected = rgb(level(i), level(4 + i), level(8 + i));
                int[] p = at(0, tile, r, c);
                assertEquals(expected, image.getRGB(p[0], p[1]) & 0xFFFFFF, "class 0 pixel " + r + "," + c);
            }
        }
        // Nearest-neighbour upscaling: the whole 10x10 block has one colour.
        int corner = image.getRGB(WeightImages.GAP, WeightImages.GAP) & 0xFFFFFF;
        assertEquals(rgb(0, level(4), level(8)), corner);
        assertEquals(corner, image.getRGB(WeightImages.GAP + SCALE - 1, WeightImages.GAP + SCALE - 1) & 0xFFFFFF);
        // A constant class is mid-grey.
        int[] p = at(1, tile, 1, 1);
        assertEquals(rgb(128, 128, 128), image.getRGB(p[0], p[1]) & 0xFFFFFF);
        // The gap between tiles stays white.
        assertEquals(0xFFFFFF, image.getRGB(WeightImages.GAP + tile + WeightImages.GAP / 2, WeightImages.GAP + 5)
                & 0xFFFFFF);
    }

    private static int level(int value) {
        return (int) Math.round(value / 11.0 * 255);
    }

    @Test
    void oneChannelIsGrey() throws Exception {
        INDArray w = Nd4j.create(new double[][] {{-1, 0, 1}, {0, 4, 2}}); // [2 classes, 1x1x3]
        Path png = dir.resolve("grey.png");
        WeightImages.render(png, w, 1, 1, 3, new String[] {"0", "1"}, SCALE);
        BufferedImage image = ImageIO.read(png.toFile());
        int tile = 3 * SCALE;
        int[][] expected = {{0, 128, 255}, {0, 255, 128}};
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < 3; c++) {
                int[] p = at(k, tile, 0, c);
                int v = expected[k][c];
                assertEquals(rgb(v, v, v), image.getRGB(p[0], p[1]) & 0xFFFFFF, "class " + k + " pixel " + c);
            }
        }
    }

    @Test
    void longLabelsWidenTheirColumnInsteadOfBeingClipped() throws Exception {
        INDArray w = Nd4j.rand(DataType.FLOAT, 2, 3 * 32 * 32);
        Path png = dir.resolve("cifar.png");
        WeightImages.render(png, w, 3, 32, 32, new String[] {"automobile", "frog"}, 1);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 3 * WeightImages.GAP + 2 * 32, "columns wider than 32 px tiles");
    }

    @Test
    void rejectsShapesThatDoNotMatch() {
        Path png = dir.resolve("bad.png");
        INDArray w = Nd4j.zeros(2, 12);
        assertThrows(IllegalArgumentException.class,
                () -> WeightImages.render(png, w.transpose(), 3, 2, 2, new String[] {"a", "b"}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> WeightImages.render(png, w, 3, 2, 2, new String[] {"a"}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> WeightImages.render(png, w, 2, 2, 3, new String[] {"a", "b"}, 1));
    }
}
