package org.nedsj.eval.baseline;

import java.util.ArrayList;
import java.util.List;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;

/**
 * The decoders' inputs from a session's neural-counts modalities: each trial's spikes projected on
 * each modality's {@link SpikeComponents}, as lagged per-bin rows (ridge) or trial means (logistic).
 * A lag that falls outside the trial reads as zero, the training mean of a component.
 */
final class SpikeFeatures {

    private final List<ModalitySpec> modalities;
    private final List<SpikeComponents> components;
    private final int lagsBefore;
    private final int lagsAfter;

    private SpikeFeatures(List<ModalitySpec> modalities, List<SpikeComponents> components, int lagsBefore, int lagsAfter) {
        this.modalities = modalities;
        this.components = components;
        this.lagsBefore = lagsBefore;
        this.lagsAfter = lagsAfter;
    }

    /**
     * @param trainCounts per modality, the training trials' counts [trials·bins, neurons]
     */
    static SpikeFeatures fit(SessionData session, List<ModalitySpec> modalities, List<float[]> trainCounts,
                             int componentsPerModality, int maxBins, int lagsBefore, int lagsAfter) {
        var comps = new ArrayList<SpikeComponents>();
        for (int i = 0; i < modalities.size(); i++) {
            int neurons = session.info().width(modalities.get(i));
            int rows = trainCounts.get(i).length / Math.max(1, neurons);
            comps.add(neurons == 0 ? SpikeComponents.fit(new float[0], 0, 0, 0, maxBins, 0)
                    : SpikeComponents.fit(trainCounts.get(i), rows, neurons, componentsPerModality, maxBins,
                            session.info().id().hashCode() * 31L + i));
        }
        return new SpikeFeatures(List.copyOf(modalities), comps, lagsBefore, lagsAfter);
    }

    /** Components of one trial, per modality [bins, components]. */
    double[][] series(SessionData session, int trial) {
        double[][] out = new double[modalities.size()][];
        for (int i = 0; i < modalities.size(); i++) {
            ModalitySpec m = modalities.get(i);
            SpikeComponents c = components.get(i);
            int bins = m.tokensPerTrial();
            out[i] = new double[bins * c.components()];
            if (c.components() > 0) {
                float[] counts = new float[bins * c.neurons()];
                session.copyTrial(m.name(), trial, counts, 0, c.neurons());
                c.project(counts, 0, bins, out[i], 0, c.components());
            }
        }
        return out;
    }

    /** Features of one lagged row. */
    int laggedWidth() {
        int lags = lagsBefore + lagsAfter + 1;
        return components.stream().mapToInt(SpikeComponents::components).sum() * lags;
    }

    /** Features of one trial's mean. */
    int trialWidth() {
        return components.stream().mapToInt(SpikeComponents::components).sum();
    }

    /** The lagged row for bin {@code bin} of a target with {@code bins} bins per trial. */
    void laggedRow(double[][] series, int bin, int bins, double[] out) {
        int o = 0;
        for (int i = 0; i < modalities.size(); i++) {
            int k = components.get(i).components();
            int sourceBins = modalities.get(i).tokensPerTrial();
            int centre = (int) ((long) bin * sourceBins / bins);
            for (int lag = -lagsBefore; lag <= lagsAfter; lag++) {
                int source = centre + lag;
                if (source >= 0 && source < sourceBins) {
                    System.arraycopy(series[i], source * k, out, o, k);
                } else {
                    java.util.Arrays.fill(out, o, o + k, 0);
                }
                o += k;
            }
        }
    }

    /** Each component's mean over the trial's bins. */
    double[] trialMean(double[][] series) {
        double[] out = new double[trialWidth()];
        int o = 0;
        for (int i = 0; i < modalities.size(); i++) {
            int k = components.get(i).components();
            int bins = modalities.get(i).tokensPerTrial();
            for (int t = 0; t < bins; t++) {
                for (int j = 0; j < k; j++) {
                    out[o + j] += series[i][t * k + j] / bins;
                }
            }
            o += k;
        }
        return out;
    }
}
