package org.repro4j.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Progress of a long run in optimisation steps: a live bar on a terminal, and a plain line every
 * 10% elsewhere (CI logs), so neither floods the output.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream log;
    private final String task;
    private final long total;
    private long done;
    private int lastDecile;

    Progress(String task, long totalSteps, PrintStream log) {
        this.task = task;
        this.total = Math.max(1, totalSteps);
        this.log = log;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed().setUpdateIntervalMillis(500).build();
    }

    void step() {
        done++;
        if (bar != null) {
            bar.step();
            return;
        }
        int decile = (int) (10 * done / total);
        if (decile > lastDecile) {
            lastDecile = decile;
            log.printf("%s: %d%% (%d/%d steps)%n", task, Math.min(100, decile * 10), done, total);
        }
    }

    /** Steps that were not taken here (a run loaded from the cache). */
    void advance(long steps) {
        for (long i = 0; i < steps && done < total; i++) {
            step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
