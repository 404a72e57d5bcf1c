package org.nedsj.trainer.analysis;

import org.nedsj.spi.SessionData;
import org.nedsj.spi.Split;
import java.util.Locale;

/**
 * The region analysis's baseline features of each neuron, from its spike counts alone over one split's
 * trials: the log of its mean count per bin (+10⁻³), and the Fano factor (variance / mean) of its
 * count per trial (0 for a silent neuron).
 */
final class FiringStatistics {

    private FiringStatistics() {
    }

    /** [neurons][2] of {@code session}'s trials in {@code split}. */
    static double[][] of(SessionData session, String modality, int bins, Split split) {
        int neurons = session.info().neurons();
        float[] trial = new float[bins * neurons];
        double[] sum = new double[neurons];
        double[] sumSquares = new double[neurons];
        int trials = 0;
        for (int t = 0; t < session.trialCount(); t++) {
            if (session.split(t) != split) {
                continue;
            }
            session.copyTrial(modality, t, trial, 0, neurons);
            for (int n = 0; n < neurons; n++) {
                double count = 0;
                for (int b = 0; b < bins; b++) {
                    count += trial[b * neurons + n];
                }
                sum[n] += count;
                sumSquares[n] += count * count;
            }
            trials++;
        }
        if (trials == 0) {
            throw new IllegalArgumentException("session " + session.info().id() + " has no " + split.name().toLowerCase(Locale.ROOT)
                    + " trials to compute firing statistics on");
        }
        double[][] out = new double[neurons][2];
        for (int n = 0; n < neurons; n++) {
            double mean = sum[n] / trials;
            double variance = Math.max(0, sumSquares[n] / trials - mean * mean);
            out[n][0] = Math.log(mean / bins + 1e-3);
            out[n][1] = mean > 0 ? variance / mean : 0;
        }
        return out;
    }
}
