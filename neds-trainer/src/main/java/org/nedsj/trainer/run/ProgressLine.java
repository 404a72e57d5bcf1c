package org.nedsj.trainer.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for one epoch, redrawn in place on a terminal; elsewhere (logs, CI) it prints a
 * line at every tenth of the epoch instead.
 */
public final class ProgressLine {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final int total;
    private int lastTenth = -1;

    public ProgressLine(PrintStream out, boolean terminal, String label, int total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = Math.max(1, total);
    }

    public void update(int done, double loss, double trialsPerSecond) {
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String text = String.format(Locale.ROOT, "%s [%s] %d/%d  loss %.4f  %.1f trials/s",
                label, bar, done, total, loss, trialsPerSecond);
        if (terminal) {
            out.print("\r" + text);
            out.flush();
            return;
        }
        int tenth = (int) (10L * done / total);
        if (tenth != lastTenth && (tenth % 5 == 0 || done == total)) {
            lastTenth = tenth;
            out.println(text);
        }
    }

    public void finish() {
        if (terminal) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }
}
