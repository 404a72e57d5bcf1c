package org.nedsj.data.align;

import org.nedsj.data.PreprocessingConfig.UnitRules;
import org.nedsj.data.alf.ProbeSpikes;

import java.util.Arrays;
import java.util.List;

/**
 * Keeps the units whose mean in-window firing rate over the kept trials exceeds the minimum
 * (strictly: a unit at exactly 5 Hz is dropped), optionally only good units.
 */
public final class UnitSelector {

    private UnitSelector() {
    }

    /**
     * @param counts         spikes per merged cluster inside the kept trials' windows
     * @param trials         kept trials
     * @param windowDuration seconds per window
     */
    public static UnitSelection select(long[] counts, List<ProbeSpikes> probes, int trials, double windowDuration, UnitRules rules) {
        int[] columnOf = new int[counts.length];
        Arrays.fill(columnOf, -1);
        long[] units = new long[counts.length];
        int kept = 0;
        int belowRate = 0;
        int notGood = 0;
        double seconds = trials * windowDuration;
        for (ProbeSpikes p : probes) {
            for (int local = 0; local < p.clusterCount(); local++) {
                int merged = p.clusterOffset() + local;
                if (rules.goodOnly() && (p.good() == null || !p.good()[local])) {
                    notGood++;
                } else if (seconds > 0 && counts[merged] / seconds > rules.minRate()) {
                    columnOf[merged] = kept;
                    units[kept++] = merged;
                } else {
                    belowRate++;
                }
            }
        }
        return new UnitSelection(columnOf, Arrays.copyOf(units, kept), belowRate, notGood);
    }
}
