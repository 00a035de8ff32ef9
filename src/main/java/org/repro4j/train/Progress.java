package org.repro4j.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Progress of a long run (in trials, or steps): a live bar on a terminal, and a plain line every
 * 10% elsewhere (CI logs), so neither floods the output.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream log;
    private final String task;
    private final long total;
    private final String unit;
    private long done;
    private int lastDecile;

    /** @param unit what is counted, with a leading space: " trials" */
    Progress(String task, long total, String unit, PrintStream log) {
        this.task = task;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.log = log;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(this.total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).setUpdateIntervalMillis(500).build();
    }

    synchronized void step() {
        done++;
        if (bar != null) {
            bar.step();
            return;
        }
        int decile = (int) (10 * done / total);
        if (decile > lastDecile) {
            lastDecile = decile;
            log.printf("%s: %d%% (%d/%d%s)%n", task, Math.min(100, decile * 10), done, total, unit);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
