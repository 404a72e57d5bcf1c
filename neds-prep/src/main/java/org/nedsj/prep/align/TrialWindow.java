package org.nedsj.prep.align;

/** The trial window: {@code [event + start, event + end)} in {@code bins} bins of {@code binSize} seconds. */
public record TrialWindow(double start, double end, double binSize, int bins) {

    public double duration() {
        return end - start;
    }
}
