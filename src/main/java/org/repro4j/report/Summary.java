package org.repro4j.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.repro4j.ReproException;

/**
 * The machine-readable outcome of one experiment, stored as {@code summary.json}: our values next
 * to the report's, whether each lies in its band, the deviations from the report, and where the
 * numbers came from.
 *
 * <p>Keys are written in a fixed order and measures in the order they were added, so two runs of
 * the same experiment give files that diff line by line. Accuracies are fractions in [0, 1].
 */
@JsonPropertyOrder({"id", "title", "report", "reproduces", "measures", "headline", "deviations", "provenance"})
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public final class Summary {
    /** The file name inside an experiment's results folder. */
    public static final String FILE_NAME = "summary.json";

    private final String id;
    private final String title;
    private final String report;
    private final String reproduces;
    private LinkedHashMap<String, Measure> measures = new LinkedHashMap<>();
    private String headline;
    private ArrayList<String> deviations = new ArrayList<>();
    private Provenance provenance;

    /**
     * @param id         experiment id, e.g. {@code dd2424-abadi-t1}
     * @param title      one line a person understands
     * @param report     the report's file name, e.g. {@code dd2424-a1-abadi.txt}
     * @param reproduces which table or figure of the report, e.g. {@code Table 1}
     */
    @JsonCreator
    public Summary(@JsonProperty("id") String id, @JsonProperty("title") String title,
            @JsonProperty("report") String report, @JsonProperty("reproduces") String reproduces) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.report = Objects.requireNonNull(report, "report");
        this.reproduces = Objects.requireNonNull(reproduces, "reproduces");
    }

    /**
     * Adds one measure. Keys are {@code <metric>.<setting>}, e.g. {@code test_acc.lambda=0.1,eta=0.001};
     * a metric containing {@code acc} is an accuracy (a fraction, shown as a percentage).
     *
     * @param std        standard deviation over seeds, or null
     * @param n          number of seeds averaged
     * @param reference  the report's value, or null
     * @param bandOrNull {@code {lo, hi}} where a faithful run lands, or null
     * @param noteOrNull a short remark, or null
     * @throws IllegalArgumentException for a key already present or a malformed band
     */
    public void measure(String key, double measured, Double std, int n, Double reference,
            double[] bandOrNull, String noteOrNull) {
        Objects.requireNonNull(key, "key");
        if (measures.containsKey(key)) {
            throw new IllegalArgumentException("measure '" + key + "' was already added to " + id);
        }
        measures.put(key, new Measure(measured, std, n, reference, Measure.Band.of(bandOrNull), noteOrNull));
    }

    /** The stable name of a setting's measure: {@code test_acc.lambda=0.1,eta=0.001}, or just {@code test_acc}. */
    public static String measureKey(String metric, String setting) {
        return setting == null || setting.isEmpty() ? metric : metric + "." + setting;
    }

    /** Names the one measure that the results index shows for this experiment. */
    public void headline(String key) {
        this.headline = Objects.requireNonNull(key, "key");
    }

    /** Adds a deviation from the report's protocol or result, as a paragraph of plain text. */
    public void deviation(String text) {
        deviations.add(Objects.requireNonNull(text, "text"));
    }

    public void provenance(Provenance p) {
        this.provenance = Objects.requireNonNull(p, "provenance");
    }

    /**
     * Writes this summary as pretty-printed JSON, atomically (temp file + rename).
     *
     * @throws IllegalStateException when the headline names no measure
     */
    public void write(Path file) {
        if (headline != null && !measures.containsKey(headline)) {
            throw new IllegalStateException("headline '" + headline + "' of " + id
                    + " is not one of its measures " + measures.keySet());
        }
        try {
            AtomicFiles.writeString(file, Json.PRETTY.writeValueAsString(this) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the summary of " + id, e);
        }
    }

    /** Reads a summary written by {@link #write}. */
    public static Summary read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ReproException("Results summary " + file + " does not exist. Run the experiment "
                    + "to create it.", e);
        } catch (IOException e) {
            throw new ReproException("Cannot read the results summary " + file + ": " + e + ".", e);
        }
        return parse(json, file.toString());
    }

    /**
     * A summary from its JSON text.
     *
     * @param where what the text was read from, for the error message (a file, or {@code REV:path} in git)
     */
    public static Summary parse(String json, String where) {
        Summary summary;
        try {
            summary = Json.MAPPER.readValue(json, Summary.class);
        } catch (IOException | RuntimeException e) {
            throw new ReproException("Results summary " + where + " is not a valid summary.json ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "). Re-run the experiment to "
                    + "rewrite it, or delete its folder.", e);
        }
        if (summary == null) {
            throw new ReproException("Results summary " + where + " is empty. Re-run the experiment to "
                    + "rewrite it, or delete its folder.");
        }
        // Jackson leaves absent collections null; treat them as empty.
        if (summary.measures == null) {
            summary.measures = new LinkedHashMap<>();
        }
        if (summary.deviations == null) {
            summary.deviations = new ArrayList<>();
        }
        return summary;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String report() {
        return report;
    }

    public String reproduces() {
        return reproduces;
    }

    /** The measures in the order they were added (read-only). */
    public Map<String, Measure> measures() {
        return Collections.unmodifiableMap(measures);
    }

    /** The headline key, or null when none was set. */
    public String headline() {
        return headline;
    }

    /** The headline measure, or null when no headline was set. */
    public Measure headlineMeasure() {
        return headline == null ? null : measures.get(headline);
    }

    public List<String> deviations() {
        return Collections.unmodifiableList(deviations);
    }

    /** The provenance, or null when none was recorded. */
    public Provenance provenance() {
        return provenance;
    }
}
