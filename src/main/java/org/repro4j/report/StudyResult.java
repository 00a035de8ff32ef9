package org.repro4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.repro4j.ReproException;

/**
 * One experiment's seed study ({@code results/study/<id>/study.json}): the seeds its settings trained with, which
 * sources of randomness those seeds vary, what it cost, and each reported number judged against the runs
 * ({@link Claim}).
 *
 * @param seeds        the seeds of every setting, in order
 * @param seedsReason  why the experiment does not take the default number of seeds; null when it does
 * @param randomness   what the seeds vary, per setting where settings differ (initial weights, batch order, ...)
 * @param workSeconds  seconds of training (each trial on one worker, a trial trained by an earlier run not counted)
 * @param trialsTrained   how many of its trials (settings x seeds) the command that wrote it trained; null in studies
 *                        written before it was recorded
 * @param trialsFromStore how many it took from the trial store instead, trained by earlier commands (whose time
 *                        {@code workSeconds} and {@code studyWallSeconds} leave out); null as above
 * @param machine      the machine of the study (CPU, cores)
 * @param studyWallSeconds wall time of the {@code repro study} command that wrote it (the whole study when that command
 *                        studied every experiment, else part of it: {@link StudyPages} tells them apart by date)
 * @param specSha256   the experiment's resolved spec (its references and study seeds among it)
 * @param codeSha256   the code that trained them ({@code CodeHash})
 * @param date         when the command that wrote it finished (the same in every study it wrote)
 */
@JsonPropertyOrder({"id", "title", "report", "seeds", "seedsReason", "randomness", "workSeconds", "trialsTrained",
        "trialsFromStore", "machine", "studyWallSeconds", "specSha256", "codeSha256", "date", "claims"})
public record StudyResult(String id, String title, String report, List<Long> seeds, String seedsReason,
                          List<String> randomness, double workSeconds, Integer trialsTrained, Integer trialsFromStore,
                          String machine, double studyWallSeconds,
                          String specSha256, String codeSha256, String date, List<Claim> claims) {
    /** The folder under the results folder that holds the studies, one sub-folder per experiment. */
    public static final String FOLDER = "study";
    public static final String FILE_NAME = "study.json";
    /** The strip plot of the claims' runs, beside study.json. */
    public static final String STRIPS = "strips.png";

    public StudyResult {
        seeds = List.copyOf(seeds);
        randomness = List.copyOf(randomness);
        claims = List.copyOf(claims);
    }

    /** Why this study is not what the spec and code would give now; empty when it is current. */
    public List<String> staleness(String specSha256Now, String codeSha256Now) {
        List<String> why = new ArrayList<>();
        if (!specSha256Now.equals(specSha256)) {
            why.add("spec changed");
        }
        if (!codeSha256Now.equals(codeSha256)) {
            why.add("code changed");
        }
        return why;
    }

    /** How many claims have this verdict. */
    public long count(Claim.Verdict verdict) {
        return claims.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** The claims outside and unexplained, one line each, for a failing {@code make study}. */
    @JsonIgnore
    public List<String> unexplained() {
        List<String> out = new ArrayList<>();
        for (Claim c : claims) {
            if (c.verdict() == Claim.Verdict.UNEXPLAINED) {
                out.add(id + " " + c.measure() + ": the report's " + Formats.printed(c) + " is outside "
                        + (c.discrete() ? "the range " : "the 95% prediction interval ") + StudyPages.runsInterval(c)
                        + " of " + c.spread().n() + " runs, and its spec gives no explanation (a note on that reference)");
            }
        }
        return out;
    }

    /** Writes study.json and the strip plot into {@code dir}, study.json last and atomically. */
    public void write(Path dir) {
        if (!claims.isEmpty()) {
            StudyPages.drawStrips(this, dir.resolve(STRIPS));
        }
        try {
            AtomicFiles.writeString(dir.resolve(FILE_NAME), Json.PRETTY.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new ReproException("Cannot write " + dir.resolve(FILE_NAME) + ": " + e, e);
        }
    }

    /** The study of {@code id} under {@code resultsRoot}, or null when there is none. */
    public static StudyResult readOrNull(Path resultsRoot, String id) {
        Path file = resultsRoot.resolve(FOLDER).resolve(id).resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), StudyResult.class);
        } catch (IOException e) {
            throw new ReproException("Cannot read " + file + ": " + e.getMessage() + ". Run the study again: make study", e);
        }
    }
}
