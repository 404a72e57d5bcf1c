package org.nedsj.model.graph;

/**
 * A fixed attention bias by time distance (ALiBi, Press et al. 2022, over time bins): head h adds
 * −m_h·|t_query − t_key| to the attention score of two tokens of bins t_query and t_key, whatever
 * their modalities; tokens without a bin (static modalities) get no bias. The slopes fall
 * geometrically from 1 per bin in the first head to 2^−6 in the last, so some heads look at the
 * same and neighbouring bins and others across the trial.
 *
 * <p>Why: a hidden behaviour token is the same mask token in every bin, so only positions tell it
 * where to look. RoPE makes scores depend on the offset but does not favour small offsets, and a
 * short budget does not learn to: the hidden wheel tokens' attention over spike tokens stayed close
 * to uniform, and the decoded wheel speed was the trial's mean movement, smeared over the bins.
 */
public final class TimeBias {

    private TimeBias() {
    }

    /** Slope of each head: 2^(−6·h/(heads−1)), 1 for a single head. */
    public static double[] slopes(int heads) {
        double[] m = new double[heads];
        for (int h = 0; h < heads; h++) {
            m[h] = heads == 1 ? 1 : Math.pow(2, -6.0 * h / (heads - 1));
        }
        return m;
    }

    /** The bias of every head, query token and key token: [heads][L·L], row-major by query. */
    public static float[][] table(int[] timeBins, int heads) {
        double[] m = slopes(heads);
        int tokens = timeBins.length;
        float[][] out = new float[heads][tokens * tokens];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                    if (timeBins[i] >= 0 && timeBins[j] >= 0) {
                        out[h][i * tokens + j] = (float) (-m[h] * Math.abs(timeBins[i] - timeBins[j]));
                    }
                }
            }
        }
        return out;
    }
}
