package org.repro4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repro4j.report.Charts.HistogramSeries;
import org.repro4j.report.Charts.Panel;
import org.repro4j.report.Charts.Series;

class ChartsTest {
    @TempDir
    Path dir;

    /** Set -Drepro4j.figures=/some/dir to keep the figures and look at them. */
    private Path out(String name) {
        String keep = System.getProperty("repro4j.figures");
        return (keep == null ? dir : Path.of(keep)).resolve(name);
    }

    static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    static double[] decay(int n, double start, double end) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = end + (start - end) * Math.exp(-i / 6.0);
        }
        return y;
    }

    static BufferedImage decode(Path png) throws Exception {
        assertTrue(Files.size(png) > 0, png + " is empty");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a decodable PNG");
        return image;
    }

    @Test
    void lines() throws Exception {
        Path png = out("lines.png");
        Charts.lines(png, "Loss per epoch, lambda=0, eta=0.001", "epoch", "cross-entropy loss", List.of(
                new Series("train", epochs(40), decay(40, 2.3, 1.6)),
                new Series("validation", epochs(40), decay(40, 2.3, 1.8))));
        BufferedImage image = decode(png);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
    }

    @Test
    void gridTilesPanelsUnderOneTitle() throws Exception {
        List<Panel> panels = new ArrayList<>();
        String[] settings = {"lambda=0, eta=0.1", "lambda=0, eta=0.001", "lambda=0.1, eta=0.001", "lambda=1, eta=0.001"};
        for (String setting : settings) {
            panels.add(new Panel("loss, " + setting, "epoch", "loss", List.of(
                    new Series("train", epochs(40), decay(40, 2.3, 1.6)),
                    new Series("validation", epochs(40), decay(40, 2.3, 1.8)))));
            panels.add(new Panel("accuracy, " + setting, "epoch", "accuracy", List.of(
                    new Series("train", epochs(40), decay(40, 0.1, 0.45)),
                    new Series("validation", epochs(40), decay(40, 0.1, 0.39)))));
        }
        Path png = out("grid.png");
        Charts.grid(png, "Training curves of the four settings", panels, 2);
        BufferedImage image = decode(png);
        assertEquals(2 * Charts.PANEL_WIDTH, image.getWidth());
        assertEquals(Charts.GRID_TITLE_HEIGHT + 4 * Charts.PANEL_HEIGHT, image.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Charts.grid(png, "t", List.of(), 2));
    }

    @Test
    void bandShadesAroundTheMean() throws Exception {
        int n = 5;
        double[] std = new double[n];
        Arrays.fill(std, 0.05);
        Path png = out("band.png");
        Charts.band(png, "Validation loss over 3 seeds", "epoch", "loss", epochs(n), decay(n, 0.6, 0.3), std,
                "mean of 3 seeds");
        BufferedImage image = decode(png);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> Charts.band(png, "t", "x", "y", epochs(3), new double[3], new double[2], "m"));
    }

    @Test
    void histograms() throws Exception {
        Random random = new Random(1);
        double[] correct = random.doubles(4000).map(u -> 1 - u * u * 0.7).toArray();
        double[] wrong = random.doubles(600).map(u -> u * 0.6).toArray();
        Path png = out("histograms.png");
        Charts.histograms(png, "Probability of the true class", "probability of the true class", List.of(
                new HistogramSeries("correct", correct), new HistogramSeries("wrong", wrong)), 20, 0, 1);
        BufferedImage image = decode(png);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());

        Path defaultLabel = out("histograms-default-label.png");
        Charts.histograms(defaultLabel, "t", List.of(new HistogramSeries("all", new double[] {0, 0.5, 1})), 4, 0, 1);
        assertEquals(Charts.WIDTH, decode(defaultLabel).getWidth());
    }

    @Test
    void scatterWithLogX() throws Exception {
        Random random = new Random(2);
        double[] eta = random.doubles(30).map(u -> Math.pow(10, -4 + 3 * u)).toArray();
        double[] acc = Arrays.stream(eta).map(e -> 0.41 - 0.02 * Math.pow(Math.log10(e) + 2.5, 2)).toArray();
        Path png = out("scatter.png");
        Charts.scatter(png, "Random search: validation accuracy vs learning rate", "learning rate (log scale)",
                "validation accuracy", List.of(new Series("candidates", eta, acc)), true);
        BufferedImage image = decode(png);
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        assertThrows(IllegalArgumentException.class, () -> Charts.scatter(png, "t", "x", "y",
                List.of(new Series("s", new double[] {0, 1}, new double[] {1, 2})), true));
    }

    @Test
    void seriesNeedsMatchingLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[2], new double[3]));
    }

    /** A diverged training measures NaN and infinite losses: the charts draw the finite points (XChart throws on the others). */
    @Test
    void nonFinitePointsAreLeftOutInsteadOfFailing() throws Exception {
        double[] y = decay(10, 2.3, 1.6);
        y[6] = Double.POSITIVE_INFINITY;
        y[7] = Double.NaN;
        y[8] = Double.NaN;
        y[9] = Double.NEGATIVE_INFINITY;
        Charts.lines(out("diverged-lines.png"), "diverged", "epoch", "loss", List.of(new Series("train", epochs(10), y)));
        decode(out("diverged-lines.png"));
        Charts.grid(out("diverged-grid.png"), "diverged", List.of(new Panel("loss", "epoch", "loss",
                List.of(new Series("train", epochs(10), y)))), 1);
        decode(out("diverged-grid.png"));

        double[] allNaN = new double[4];
        Arrays.fill(allNaN, Double.NaN);
        Charts.lines(out("all-nan.png"), "diverged at once", "epoch", "loss", List.of(new Series("train", epochs(4), allNaN)));
        decode(out("all-nan.png"));

        double[] std = new double[10];
        Arrays.fill(std, 0.1);
        Charts.band(out("diverged-band.png"), "diverged seed", "epoch", "loss", epochs(10), y, std, "mean");
        decode(out("diverged-band.png"));

        Charts.histograms(out("diverged-histogram.png"), "NaN probabilities",
                List.of(new HistogramSeries("wrong", new double[]{Double.NaN, Double.NaN, 0.25})), 4, 0, 1);
        decode(out("diverged-histogram.png"));
    }

    @Test
    void finitePointsKeepTheirPairs() {
        Series s = Charts.finite(new Series("s", new double[]{1, 2, 3, Double.NaN}, new double[]{Double.NaN, 5, Double.POSITIVE_INFINITY, 7}));
        assertEquals(List.of(2.0), Arrays.stream(s.x()).boxed().toList());
        assertEquals(List.of(5.0), Arrays.stream(s.y()).boxed().toList());
    }
}
