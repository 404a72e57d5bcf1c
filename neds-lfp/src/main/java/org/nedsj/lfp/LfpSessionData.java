package org.nedsj.lfp;

import org.nedsj.prep.npy.NpyArray;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A prepared session with its LFP band power as one more neural modality. Each feature column (channel × band)
 * is standardised by its mean and standard deviation over the session's training trials, so every session's
 * features share one scale whatever its probe's gain and depth.
 */
final class LfpSessionData implements SessionData {

    private final SessionData base;
    private final String modality;
    private final SessionInfo info;
    private final NpyArray features;
    private final int bins;
    private final int width;
    private final float[] mean;
    private final float[] scale;

    LfpSessionData(SessionData base, String modality, NpyArray features) {
        this.base = base;
        this.modality = modality;
        this.features = features;
        this.bins = (int) features.shape(1);
        this.width = (int) features.shape(2);
        SessionInfo b = base.info();
        Map<String, Integer> widths = new HashMap<>(b.widths());
        widths.put(modality, width);
        this.info = new SessionInfo(b.id(), b.neurons(), widths, b.trainTrials(), b.valTrials(), b.testTrials(), b.source());
        this.mean = new float[width];
        this.scale = new float[width];
        standardise();
    }

    private void standardise() {
        double[] sum = new double[width];
        double[] squares = new double[width];
        long rows = 0;
        for (int t = 0; t < base.trialCount(); t++) {
            if (base.split(t) != Split.TRAIN) {
                continue;
            }
            long from = (long) t * bins * width;
            for (int b = 0; b < bins; b++) {
                for (int c = 0; c < width; c++) {
                    double v = features.getFloat(from + (long) b * width + c);
                    sum[c] += v;
                    squares[c] += v * v;
                }
            }
            rows += bins;
        }
        for (int c = 0; c < width; c++) {
            double m = rows == 0 ? 0 : sum[c] / rows;
            double var = rows == 0 ? 0 : squares[c] / rows - m * m;
            mean[c] = (float) m;
            scale[c] = (float) (var > 1e-12 ? 1 / Math.sqrt(var) : 1);
        }
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public int trialCount() {
        return base.trialCount();
    }

    @Override
    public Split split(int trial) {
        return base.split(trial);
    }

    @Override
    public void copyTrial(String name, int trial, float[] dest, int offset, int stride) {
        if (!modality.equals(name)) {
            base.copyTrial(name, trial, dest, offset, stride);
            return;
        }
        if (trial < 0 || trial >= trialCount()) {
            throw new IndexOutOfBoundsException("trial " + trial + " of session " + info.id() + " with " + trialCount() + " trials");
        }
        if (stride < width) {
            throw new IllegalArgumentException("stride " + stride + " is less than the " + width + " LFP features of session " + info.id());
        }
        long from = (long) trial * bins * width;
        for (int b = 0; b < bins; b++) {
            int row = offset + b * stride;
            long at = from + (long) b * width;
            for (int c = 0; c < width; c++) {
                dest[row + c] = (features.getFloat(at + c) - mean[c]) * scale[c];
            }
        }
    }

    @Override
    public Optional<long[]> unitIds() {
        return base.unitIds();
    }

    @Override
    public Optional<List<String>> unitRegions() {
        return base.unitRegions();
    }
}
