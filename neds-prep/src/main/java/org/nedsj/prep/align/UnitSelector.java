package org.nedsj.prep.align;

import java.util.Arrays;

/**
 * Keeps the units whose mean in-window firing rate over the kept trials exceeds the minimum
 * (strictly: a unit at exactly 5 Hz is dropped), optionally only good units.
 */
public final class UnitSelector {

    private UnitSelector() {
    }

    /**
     * @param counts         spikes per unit id inside the kept trials' windows
     * @param good           per unit id, whether a quality label marks it good; null when the source has no labels
     * @param trials         kept trials
     * @param windowDuration seconds per window
     */
    public static UnitSelection select(long[] counts, boolean[] good, int trials, double windowDuration, UnitRules rules) {
        int[] columnOf = new int[counts.length];
        Arrays.fill(columnOf, -1);
        long[] units = new long[counts.length];
        int kept = 0;
        int belowRate = 0;
        int notGood = 0;
        double seconds = trials * windowDuration;
        for (int unit = 0; unit < counts.length; unit++) {
            if (rules.goodOnly() && (good == null || !good[unit])) {
                notGood++;
            } else if (seconds > 0 && counts[unit] / seconds > rules.minRate()) {
                columnOf[unit] = kept;
                units[kept++] = unit;
            } else {
                belowRate++;
            }
        }
        return new UnitSelection(columnOf, Arrays.copyOf(units, kept), belowRate, notGood);
    }
}
