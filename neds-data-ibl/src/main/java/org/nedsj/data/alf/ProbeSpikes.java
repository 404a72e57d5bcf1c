package org.nedsj.data.alf;

import org.nedsj.prep.align.SortedSpikes;
import org.nedsj.prep.npy.NpyArray;

/**
 * One probe's sorted spikes, read in place (memory-mapped when large).
 *
 * @param label         the collection, e.g. {@code alf/probe00/pykilosort}
 * @param times         spike times, seconds, sorted
 * @param clusters      cluster of each spike (probe-local ids, {@code uint32} widened)
 * @param clusterOffset added to the local id to give the session-wide (merged) cluster id
 * @param clusterCount  clusters of this probe (local ids are 0 … clusterCount−1)
 * @param good          per local cluster, whether clusters.metrics labels it good; null when not read
 */
public record ProbeSpikes(String label, NpyArray times, NpyArray clusters, int clusterOffset, int clusterCount, boolean[] good)
        implements SortedSpikes {

    public long spikeCount() {
        return times.size();
    }

    @Override
    public long size() {
        return times.size();
    }

    @Override
    public double time(long i) {
        return times.getDouble(i);
    }

    @Override
    public int unit(long i) {
        return clusterOffset + (int) clusters.getLong(i);
    }
}
