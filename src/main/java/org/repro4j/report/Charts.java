package org.repro4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.repro4j.ReproException;

/**
 * PNG figures drawn with XChart, without a display ({@code java.awt.headless=true} is set when
 * this class loads, which is early enough as long as nothing drew on screen before).
 *
 * <p>Single charts are {@link #WIDTH} x {@link #HEIGHT} pixels; a {@link #grid} is
 * {@code columns * PANEL_WIDTH} wide and {@code GRID_TITLE_HEIGHT + rows * PANEL_HEIGHT} high.
 * Legends sit below the plot so they never hide a curve. NaN values leave gaps in a line.
 */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    public static final int PANEL_WIDTH = 520;
    public static final int PANEL_HEIGHT = 400;
    public static final int GRID_TITLE_HEIGHT = 50;
    /** A strip plot's panel is wider than a grid's: its legend names every category. */
    public static final int STRIP_PANEL_WIDTH = 780;

    /** Colour-blind-safe palette (Okabe and Ito), so curves stay distinguishable in print too. */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66),
    };

    /** The palette without the colour a strip plot gives the report (PALETTE[1]). */
    private static final Color[] CATEGORY_COLOURS = {PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[4], PALETTE[5], PALETTE[6]};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A named curve or point set; {@code x} and {@code y} have the same length. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                        + y.length + " y values");
            }
        }
    }

    /** One small chart of a {@link #grid}. */
    public record Panel(String title, String xLabel, String yLabel, List<Series> series) {
        public Panel {
            series = List.copyOf(series);
        }
    }

    /** Values to count into one histogram, e.g. the true-class probability of correct predictions. */
    public record HistogramSeries(String name, double[] values) {
        public HistogramSeries {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }
    }

    private Charts() {
    }

    /** Line chart of several series, e.g. train and validation loss per epoch. */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series) {
        save(png, lineChart(WIDTH, HEIGHT, title, xLabel, yLabel, series));
    }

    /**
     * Several small line charts tiled row by row under one title, e.g. loss, cost and accuracy
     * for four settings. (XChart has no subplots; each panel is rendered on its own.)
     */
    public static void grid(Path png, String title, List<Panel> panels, int columns) {
        tile(png, title, panels.stream().map(p -> lineChart(PANEL_WIDTH, PANEL_HEIGHT, p.title(), p.xLabel(), p.yLabel(),
                p.series())).toList(), columns, PANEL_WIDTH);
    }

    /** Panels of {@code width} x {@link #PANEL_HEIGHT} tiled row by row under one title. */
    private static void tile(Path png, String title, List<XYChart> panels, int columns, int width) {
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("grid needs at least one panel and one column, got "
                    + panels.size() + " panels and " + columns + " columns");
        }
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * width, GRID_TITLE_HEIGHT + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            drawCentred(g, title, image.getWidth() / 2, GRID_TITLE_HEIGHT / 2);
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % cols) * width,
                        GRID_TITLE_HEIGHT + (i / cols) * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        writePng(png, image);
    }

    /**
     * One category of a strip plot: the values of several runs, the interval a report's printed number stands for
     * and the prediction interval of the runs (either interval null where there is none).
     */
    public record Strip(String category, double[] values, double[] printed, double[] prediction) {
        public Strip {
            Objects.requireNonNull(category, "category");
        }
    }

    /** One chart of strips, e.g. a measure over a table's settings. */
    public record StripPanel(String title, String yLabel, List<Strip> strips) {
        public StripPanel {
            strips = List.copyOf(strips);
        }
    }

    /**
     * Strip plots tiled under one title: per category the runs' values as points of its colour (spread sideways in
     * their order so equal values stay visible; the legend names the categories), the report's printed interval as a
     * shaded bar with its value as a line, and the runs' 95% prediction interval (PI) as a vertical line beside them.
     */
    public static void strips(Path png, String title, List<StripPanel> panels, int columns) {
        tile(png, title, panels.stream().map(Charts::stripChart).toList(), columns, STRIP_PANEL_WIDTH);
    }

    private static XYChart stripChart(StripPanel panel) {
        XYChart chart = baseChart(STRIP_PANEL_WIDTH, PANEL_HEIGHT, panel.title(), "", panel.yLabel());
        List<Strip> strips = panel.strips();
        XYStyler styler = chart.getStyler();
        // The categories are told apart by colour and named in the legend; x is only their place.
        styler.setXAxisMin(0.4).setXAxisMax(strips.size() + 0.6).setXAxisTicksVisible(false);
        Color report = PALETTE[1];
        boolean[] named = new boolean[2];
        for (int i = 0; i < strips.size(); i++) {
            Strip strip = strips.get(i);
            double centre = i + 1;
            if (strip.printed() != null) {
                double lo = strip.printed()[0];
                double hi = strip.printed()[1];
                XYSeries bar = chart.addSeries("report " + i, new double[]{centre - 0.35, centre + 0.35, centre + 0.35,
                        centre - 0.35}, new double[]{lo, lo, hi, hi});
                bar.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
                bar.setMarker(SeriesMarkers.NONE);
                bar.setFillColor(translucent(report, 70));
                bar.setLineColor(translucent(report, 70));
                bar.setShowInLegend(false);
                XYSeries line = chart.addSeries(named[0] ? "report value " + i : "report",
                        new double[]{centre - 0.35, centre + 0.35}, new double[]{(lo + hi) / 2, (lo + hi) / 2});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(report);
                line.setLineStyle(new BasicStroke(2f));
                line.setShowInLegend(!named[0]);
                named[0] = true;
            }
            if (strip.prediction() != null && Double.isFinite(strip.prediction()[0])) {
                XYSeries pi = chart.addSeries(named[1] ? "prediction " + i : "95% PI",
                        new double[]{centre + 0.42, centre + 0.42}, strip.prediction());
                pi.setMarker(SeriesMarkers.NONE);
                pi.setLineColor(Color.DARK_GRAY);
                pi.setLineStyle(new BasicStroke(2f));
                pi.setShowInLegend(!named[1]);
                named[1] = true;
            }
            double[] finite = Arrays.stream(strip.values()).filter(Double::isFinite).toArray();
            if (finite.length > 0) {
                double[] x = new double[finite.length];
                for (int j = 0; j < finite.length; j++) {
                    x[j] = centre - 0.25 + 0.5 * (j + 0.5) / finite.length; // spread in seed order, not at random
                }
                XYSeries points = chart.addSeries(strip.category(), x, finite);
                points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                points.setMarker(SeriesMarkers.CIRCLE);
                points.setMarkerColor(translucent(CATEGORY_COLOURS[i % CATEGORY_COLOURS.length], 200));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle(panel.title() + " (no finite values)");
        }
        return chart;
    }

    /** A mean curve with a shaded band from mean - std to mean + std, e.g. loss over several seeds. */
    public static void band(Path png, String title, String xLabel, String yLabel, double[] x, double[] mean,
            double[] std, String name) {
        if (x.length != mean.length || x.length != std.length) {
            throw new IllegalArgumentException("band needs x, mean and std of one length, got " + x.length + ", "
                    + mean.length + ", " + std.length);
        }
        // Points where the mean or spread is not finite (a diverged seed) cannot be drawn.
        int[] keep = java.util.stream.IntStream.range(0, x.length)
                .filter(i -> Double.isFinite(x[i]) && Double.isFinite(mean[i]) && Double.isFinite(std[i])).toArray();
        if (keep.length < x.length) {
            band(png, title + (keep.length == 0 ? " (no finite values)" : ""), xLabel, yLabel, pick(x, keep),
                    pick(mean, keep), pick(std, keep), name);
            return;
        }
        int n = x.length;
        // The band is a closed polygon: along the upper edge, then back along the lower edge.
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = mean[i] + std[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = mean[i] - std[i];
        }
        XYChart chart = baseChart(WIDTH, HEIGHT, title, xLabel, yLabel);
        Color colour = PALETTE[0];
        XYSeries area = chart.addSeries(name + " ± 1 std", px, py);
        area.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        area.setMarker(SeriesMarkers.NONE);
        area.setFillColor(translucent(colour, 70));
        area.setLineColor(translucent(colour, 70));
        XYSeries line = chart.addSeries(name, x, mean);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(colour);
        line.setLineStyle(new BasicStroke(2.5f));
        save(png, chart);
    }

    private static double[] pick(double[] values, int[] indices) {
        return Arrays.stream(indices).mapToDouble(i -> values[i]).toArray();
    }

    /** {@link #histograms(Path, String, String, List, int, double, double)} with x label "value". */
    public static void histograms(Path png, String title, List<HistogramSeries> series, int bins, double lo,
            double hi) {
        histograms(png, title, "value", series, bins, lo, hi);
    }

    /**
     * Overlaid histograms over {@code bins} equal bins of [lo, hi], drawn as translucent steps.
     * Each series is normalised to fractions of its own size, so groups of very different size
     * (e.g. correct vs wrong predictions) can be compared; the legend gives each size. Values
     * outside [lo, hi] are not counted.
     */
    public static void histograms(Path png, String title, String xLabel, List<HistogramSeries> series, int bins,
            double lo, double hi) {
        if (series.isEmpty() || bins < 1 || !(lo < hi)) {
            throw new IllegalArgumentException("histograms need a series, bins >= 1 and lo < hi, got "
                    + series.size() + " series, " + bins + " bins, [" + lo + ", " + hi + "]");
        }
        XYChart chart = baseChart(WIDTH, HEIGHT, title, xLabel, "fraction of the series");
        double width = (hi - lo) / bins;
        for (int s = 0; s < series.size(); s++) {
            HistogramSeries h = series.get(s);
            // NaN (a diverged network's probabilities) belongs to no bin; XChart would count it in the first.
            double[] values = Arrays.stream(h.values()).filter(Double::isFinite).toArray();
            List<Double> counts = new Histogram(Arrays.stream(values).boxed().toList(), bins, lo, hi)
                    .getyAxisData();
            double total = Math.max(1, values.length);
            // Outline of the bars: two points per bin, dropping to zero at both ends.
            double[] x = new double[2 * bins + 2];
            double[] y = new double[2 * bins + 2];
            x[0] = lo;
            for (int b = 0; b < bins; b++) {
                x[2 * b + 1] = lo + b * width;
                x[2 * b + 2] = lo + (b + 1) * width;
                y[2 * b + 1] = counts.get(b) / total;
                y[2 * b + 2] = counts.get(b) / total;
            }
            x[2 * bins + 1] = hi;
            Color colour = PALETTE[s % PALETTE.length];
            XYSeries xy = chart.addSeries(String.format("%s (n=%,d)", h.name(), values.length), x, y);
            xy.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
            xy.setMarker(SeriesMarkers.NONE);
            xy.setLineColor(colour);
            xy.setFillColor(translucent(colour, 60));
            xy.setLineStyle(new BasicStroke(2f));
        }
        // XChart's automatic pattern drops the leading zero of fractions (".05").
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(0.0)
                .setXAxisDecimalPattern("0.###").setYAxisDecimalPattern("0.###");
        save(png, chart);
    }

    /** Points without lines, e.g. search results: score against one hyperparameter. */
    public static void scatter(Path png, String title, String xLabel, String yLabel, List<Series> series,
            boolean logX) {
        XYChart chart = baseChart(WIDTH, HEIGHT, title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarkerSize(9);
        if (logX) {
            for (Series s : series) {
                if (Arrays.stream(finite(s).x()).anyMatch(v -> !(v > 0))) {
                    throw new IllegalArgumentException("a log x axis needs x > 0, series '" + s.name()
                            + "' has " + Arrays.toString(s.x()));
                }
            }
            chart.getStyler().setXAxisLogarithmic(true);
        }
        addAll(chart, series, false);
        save(png, chart);
    }

    private static XYChart lineChart(int width, int height, String title, String xLabel, String yLabel,
            List<Series> series) {
        XYChart chart = baseChart(width, height, title, xLabel, yLabel);
        addAll(chart, series, true);
        return chart;
    }

    /**
     * Adds the series' finite points: a diverged training measures NaN or infinite losses, which
     * the chart cannot place. A series with no finite point is left out, and a chart left with no
     * series says so in its title.
     */
    private static void addAll(XYChart chart, List<Series> series, boolean lines) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + chart.getTitle() + "' has no series");
        }
        int added = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = finite(series.get(i));
            if (s.x().length == 0) {
                continue;
            }
            added++;
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            Color colour = PALETTE[i % PALETTE.length];
            xy.setLineColor(colour);
            xy.setMarkerColor(colour);
            if (lines) {
                // Markers only help when points are few enough to tell apart.
                xy.setMarker(s.x().length <= 25 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                xy.setLineStyle(new BasicStroke(2f));
            } else {
                xy.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (added == 0) {
            chart.setTitle(chart.getTitle() + " (no finite values)");
            chart.addSeries("no finite values", new double[]{0}, new double[]{0}).setMarker(SeriesMarkers.NONE);
        }
    }

    /** The points of a series whose x and y are both finite. */
    static Series finite(Series s) {
        int n = 0;
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                n++;
            }
        }
        if (n == s.x().length) {
            return s;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                x[k] = s.x()[i];
                y[k++] = s.y()[i];
            }
        }
        return new Series(s.name(), x, y);
    }

    private static XYChart baseChart(int width, int height, String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        XYStyler styler = chart.getStyler();
        boolean small = width < WIDTH;
        styler.setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(true)
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, small ? 15 : 18))
                .setLegendPosition(LegendPosition.OutsideS)
                .setLegendLayout(LegendLayout.Horizontal)
                .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, small ? 11 : 13))
                .setLegendBorderColor(Color.WHITE)
                .setAntiAlias(true);
        styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        styler.setPlotGridLinesColor(new Color(225, 225, 225))
                .setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, small ? 12 : 14))
                .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, small ? 11 : 12));
        return chart;
    }

    private static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static void drawCentred(Graphics2D g, String text, int centreX, int centreY) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, centreX - m.stringWidth(text) / 2, centreY + (m.getAscent() - m.getDescent()) / 2);
    }

    private static void save(Path png, Chart<?, ?> chart) {
        try (OutputStream out = Files.newOutputStream(createParent(png))) {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        } catch (IOException e) {
            throw cannotWrite(png, e);
        }
    }

    static void writePng(Path png, BufferedImage image) {
        try {
            if (!ImageIO.write(image, "png", createParent(png).toFile())) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw cannotWrite(png, e);
        }
    }

    private static Path createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return file;
    }

    private static ReproException cannotWrite(Path png, IOException e) {
        return new ReproException("Cannot write figure " + png + ": " + e
                + ". Check that the results folder is writable and the disk is not full.", e);
    }
}
