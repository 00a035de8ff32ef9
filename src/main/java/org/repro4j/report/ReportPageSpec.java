package org.repro4j.report;

import java.util.List;

/**
 * The layout of one report's page ({@code experiments/pages/<name>.yaml}): the report's own
 * sections in its order, each with a table of our measures beside its numbers and our figures.
 *
 * @param name  the page's file name under {@code results/} (without {@code .md})
 * @param intro what the report is and how the page reads
 */
public record ReportPageSpec(String name, String title, String report, String intro, List<Section> sections) {
    public ReportPageSpec {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    /** One section of the report: a heading, our words on it, a table and figures. */
    public record Section(String heading, String text, List<Table> tables, List<FigureRef> figures) {
        public Section {
            tables = tables == null ? List.of() : List.copyOf(tables);
            figures = figures == null ? List.of() : List.copyOf(figures);
        }
    }

    /**
     * Rows are an experiment's settings (the part of a measure key after the first dot), columns
     * the measures; an empty {@code rows} list means every setting the experiment has.
     */
    public record Table(String experiment, String caption, List<String> rows, List<String> columns) {
        public Table {
            rows = rows == null ? List.of() : List.copyOf(rows);
            columns = columns == null ? List.of() : List.copyOf(columns);
        }
    }

    /** A PNG from an experiment's results folder. */
    public record FigureRef(String experiment, String file, String caption) {
    }
}
