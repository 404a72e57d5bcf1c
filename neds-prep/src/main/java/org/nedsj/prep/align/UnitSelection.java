package org.nedsj.prep.align;

/**
 * The units kept and why the others were not.
 *
 * @param columnOf   column of each merged cluster id in the binned spikes, −1 when not kept
 * @param units      merged cluster id of each column, ascending
 * @param belowRate  units at or below the minimum firing rate
 * @param notGood    units left out because clusters.metrics does not label them good (good-only mode)
 */
public record UnitSelection(int[] columnOf, long[] units, int belowRate, int notGood) {

    public int kept() {
        return units.length;
    }
}
