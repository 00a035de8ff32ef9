package org.repro4j.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shows the rows of a weight matrix as pictures, one per class, side by side with the class
 * name under each: what a linear classifier "looks for" in each class.
 *
 * <p>Layout (all in pixels): each class gets a column {@code max(width * scale, label width)}
 * wide, separated and surrounded by {@link #GAP}; the picture sits centred at the top of its
 * column, {@code GAP} from the top edge, and the label below it in a {@link #LABEL_HEIGHT} strip.
 */
public final class WeightImages {
    public static final int GAP = 8;
    public static final int LABEL_HEIGHT = 24;

    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private WeightImages() {
    }

    /**
     * Renders {@code w} to a PNG.
     *
     * <p>{@code w} is [K, D]: one row per class, D = channels * height * width, each row laid out
     * as {@code channels} planes of height x width in row-major order (CIFAR-10: 3 planes R, G, B
     * of 32x32; MNIST: 1 plane of 28x28). DL4J stores a dense or output layer's weights as
     * [nIn, nOut], so pass {@code W.transpose()}.
     *
     * <p>Each picture is min-max scaled on its own (over all its channels together, so colours
     * keep their balance) to 0..255; a constant row, or one holding NaN, is drawn mid-grey (128). Every weight becomes
     * a {@code scale} x {@code scale} block (nearest neighbour).
     *
     * @param channels 1 (grey) or 3 (RGB)
     * @param labels   one name per row, drawn under its picture
     * @param scale    upscaling factor, at least 1
     */
    public static void render(Path png, INDArray w, int channels, int height, int width, String[] labels,
            int scale) {
        if (w.rank() != 2 || w.columns() != (long) channels * height * width) {
            throw new IllegalArgumentException("weights must be [classes, " + channels + "*" + height + "*" + width
                    + "] (pass a DL4J [nIn, nOut] matrix transposed), got " + Arrays.toString(w.shape()));
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (labels.length != w.rows()) {
            throw new IllegalArgumentException(w.rows() + " weight rows but " + labels.length + " labels");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        double[][] rows = w.toDoubleMatrix();
        Charts.writePng(png, draw(rows, channels, height, width, labels, scale));
    }

    private static BufferedImage draw(double[][] rows, int channels, int height, int width, String[] labels,
            int scale) {
        FontMetrics metrics = fontMetrics();
        int tile = width * scale;
        int[] columnX = new int[rows.length];
        int[] columnWidth = new int[rows.length];
        int x = GAP;
        for (int k = 0; k < rows.length; k++) {
            columnX[k] = x;
            columnWidth[k] = Math.max(tile, metrics.stringWidth(labels[k]));
            x += columnWidth[k] + GAP;
        }
        BufferedImage image = new BufferedImage(x, GAP + height * scale + LABEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(LABEL_FONT);
            g.setColor(Color.BLACK);
            for (int k = 0; k < rows.length; k++) {
                int left = columnX[k] + (columnWidth[k] - tile) / 2;
                paint(image, toRgb(rows[k], channels, height, width), left, GAP, scale);
                int textX = columnX[k] + (columnWidth[k] - metrics.stringWidth(labels[k])) / 2;
                int textY = GAP + height * scale + (LABEL_HEIGHT + metrics.getAscent() - metrics.getDescent()) / 2;
                g.drawString(labels[k], textX, textY);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One row as height x width packed RGB values, min-max scaled over the whole row. */
    static int[][] toRgb(double[] row, int channels, int height, int width) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        int plane = height * width;
        int[][] rgb = new int[height][width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int i = r * width + c;
                int red = level(row[i], min, range);
                int green = channels == 3 ? level(row[plane + i], min, range) : red;
                int blue = channels == 3 ? level(row[2 * plane + i], min, range) : red;
                rgb[r][c] = (red << 16) | (green << 8) | blue;
            }
        }
        return rgb;
    }

    private static int level(double v, double min, double range) {
        return range > 0 ? (int) Math.round((v - min) / range * 255) : 128;
    }

    private static void paint(BufferedImage image, int[][] rgb, int left, int top, int scale) {
        for (int r = 0; r < rgb.length; r++) {
            for (int c = 0; c < rgb[r].length; c++) {
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(left + c * scale + dx, top + r * scale + dy, rgb[r][c]);
                    }
                }
            }
        }
    }

    private static FontMetrics fontMetrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(LABEL_FONT);
        } finally {
            g.dispose();
        }
    }
}
