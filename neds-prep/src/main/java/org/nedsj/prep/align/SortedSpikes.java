package org.nedsj.prep.align;

/**
 * Spikes sorted by time, each labelled with its session-wide unit id: a probe's spikes with their
 * clusters (ALF), or one unit's spike train (NWB). Read by index, so large ones stay on disk.
 */
public interface SortedSpikes {

    long size();

    /** Time of spike {@code i}, seconds (non-decreasing in {@code i}). */
    double time(long i);

    /** Session-wide unit id of spike {@code i}, 0 … units−1. */
    int unit(long i);
}
