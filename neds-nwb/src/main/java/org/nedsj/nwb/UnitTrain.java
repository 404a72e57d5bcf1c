package org.nedsj.nwb;

import org.nedsj.prep.align.SortedSpikes;

/** One unit's spike times, sorted, in memory while it is binned. */
record UnitTrain(int unit, double[] times) implements SortedSpikes {

    @Override
    public long size() {
        return times.length;
    }

    @Override
    public double time(long i) {
        return times[(int) i];
    }

    @Override
    public int unit(long i) {
        return unit;
    }
}
