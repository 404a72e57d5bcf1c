package org.nedsj.data.align;

/**
 * One session's trial-aligned arrays, as stored in a prepared dataset (row-major).
 *
 * @param summary    what was kept and dropped
 * @param bins       bins per trial
 * @param spikes     {@code uint8 [trials, bins, neurons]} spike counts
 * @param wheel      {@code float32 [trials, bins]} wheel speed, scaled
 * @param whisker    {@code float32 [trials, bins]} motion energy, scaled
 * @param choice     {@code int8 [trials]} choice class (0: −1, 1: +1)
 * @param block      {@code int8 [trials]} block class (0: 0.2, 1: 0.5, 2: 0.8)
 * @param trialIndex {@code int64 [trials]} row of each trial in the session's trials table
 * @param units      {@code int64 [neurons]} merged cluster id of each neuron column
 * @param split      {@code int8 [trials]} 0 train, 1 val, 2 test
 */
public record PreparedSession(SessionSummary summary, int bins, byte[] spikes, float[] wheel, float[] whisker, byte[] choice,
                              byte[] block, long[] trialIndex, long[] units, byte[] split) {

    public int trials() {
        return trialIndex.length;
    }

    public int neurons() {
        return units.length;
    }
}
