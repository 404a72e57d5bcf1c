package org.nedsj.trainer.tune;

import java.io.PrintStream;

/** One segment at a time in this process, with every core: no process to start, the console shows the training. */
final class InProcessTrials implements TrialExecutor {

    private final PrintStream console;
    private final boolean terminal;

    InProcessTrials(PrintStream console, boolean terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public TrialSegment.Outcome run(TrialSegment segment) {
        return segment.run(console, terminal);
    }

    @Override
    public String describe() {
        return "one trial at a time in this process";
    }

    @Override
    public void close() {
    }
}
