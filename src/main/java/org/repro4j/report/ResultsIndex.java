package org.repro4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.repro4j.ReproException;

/** Writes {@code results/README.md}: one line per experiment folder that holds a summary.json. */
public final class ResultsIndex {
    /** The index file name inside the results root. */
    public static final String FILE_NAME = "README.md";

    private ResultsIndex() {
    }

    /**
     * Scans {@code resultsRoot/<id>/summary.json} (skipping hidden folders such as staged
     * {@code .tmp-*} ones) and rewrites the index atomically. A summary that cannot be read gets a
     * row saying so, so one damaged folder does not hide the others.
     */
    public static void write(Path resultsRoot) {
        List<Path> summaries;
        try (Stream<Path> folders = Files.list(resultsRoot)) {
            summaries = folders
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> p.resolve(Summary.FILE_NAME))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ReproException("Cannot list the results folder " + resultsRoot + ": " + e
                    + ". Check that it exists and is readable.", e);
        }
        StringBuilder md = new StringBuilder("# Results\n\n");
        md.append("One row per experiment: its headline measure, ours beside the report's, and whether ours "
                + "lies in the band where a faithful run lands. Accuracies are percentages. How the last run compares"
                + " with the published results, measure by measure: [VERIFY.md](VERIFY.md).\n\n");
        md.append("The seed study's verdict on every number of the report ([study/](study/README.md), `make study`):"
                + " how many are consistent with the spread of faithful runs, outside and explained, outside and unexplained.\n\n");
        md.append("| id | title | headline | ours | report | in band | seed study | date |\n|---|---|---|---|---|---|---|---|\n");
        for (Path file : summaries) {
            md.append(row(resultsRoot, file)).append('\n');
        }
        if (summaries.isEmpty()) {
            md.append("\nNo experiment has been run yet.\n");
        }
        AtomicFiles.writeString(resultsRoot.resolve(FILE_NAME), md.toString());
    }

    /** The verdicts of an experiment's seed study in a few words, "-" where there is none. */
    private static String studyCell(Path resultsRoot, String id) {
        StudyResult study;
        try {
            study = StudyResult.readOrNull(resultsRoot, id);
        } catch (ReproException e) {
            return "study.json unreadable";
        }
        if (study == null || study.claims().isEmpty()) {
            return "-";
        }
        String cell = study.count(Claim.Verdict.CONSISTENT) + " of " + study.claims().size() + " consistent";
        if (study.count(Claim.Verdict.EXPLAINED) > 0) {
            cell += ", " + study.count(Claim.Verdict.EXPLAINED) + " outside explained";
        }
        if (study.count(Claim.Verdict.UNEXPLAINED) > 0) {
            cell += ", **" + study.count(Claim.Verdict.UNEXPLAINED) + " OUTSIDE unexplained**";
        }
        return cell + " (" + study.seeds().size() + " seeds)";
    }

    private static String row(Path resultsRoot, Path summaryFile) {
        String folder = summaryFile.getParent().getFileName().toString();
        String link = "[" + folder + "](" + folder + "/)";
        Summary s;
        try {
            s = Summary.read(summaryFile);
        } catch (ReproException e) {
            return "| " + link + " | " + Formats.cell("summary.json unreadable: " + e.getMessage())
                    + " | - | - | - | - | - | - |";
        }
        String key = s.headline();
        Measure m = s.headlineMeasure();
        String date = s.provenance() == null ? "-" : Formats.day(s.provenance().date());
        return "| " + link
                + " | " + Formats.cell(s.title())
                + " | " + (m == null ? "-" : Formats.cell("`" + key + "`"))
                + " | " + (m == null ? "-" : Formats.ours(key, m))
                + " | " + (m == null ? "-" : Formats.reference(key, m))
                + " | " + (m == null ? "-" : Formats.within(m))
                + " | " + studyCell(resultsRoot, folder)
                + " | " + date + " |";
    }
}
