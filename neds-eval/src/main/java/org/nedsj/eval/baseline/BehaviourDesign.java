package org.nedsj.eval.baseline;

import java.util.ArrayList;
import java.util.List;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;

/**
 * The regressors of the encoding baselines, one row per bin of the predicted modality: every
 * channel of every continuous behaviour in that bin (z-scored over the training trials), the
 * one-hot class of every categorical behaviour (class 0 is the reference, so K−1 columns), and a
 * raised-cosine time-in-trial basis. A behaviour with another bin count is read at bin
 * ⌊t·T_behaviour / T⌋. Values that are not finite read as the training mean.
 */
final class BehaviourDesign {

    private final List<ModalitySpec> continuous = new ArrayList<>();
    private final List<ModalitySpec> categorical = new ArrayList<>();
    private final List<double[]> means = new ArrayList<>();
    private final List<double[]> scales = new ArrayList<>();
    private final int bins;
    private final double[] timeBasis;
    private final int timeColumns;
    private final int columns;

    private BehaviourDesign(SessionData session, List<ModalitySpec> behaviours, int[] trainTrials, int bins, int timeBasis) {
        this.bins = bins;
        this.timeColumns = timeBasis;
        this.timeBasis = RaisedCosineBasis.of(bins, timeBasis);
        int cols = timeBasis;
        for (ModalitySpec m : behaviours) {
            if (m.kind() == ModalitySpec.Kind.DYNAMIC_CONTINUOUS) {
                continuous.add(m);
                int width = session.info().width(m);
                double[][] stats = standardisation(session, m, width, trainTrials);
                means.add(stats[0]);
                scales.add(stats[1]);
                cols += width;
            } else if (m.kind() == ModalitySpec.Kind.STATIC_CATEGORICAL) {
                categorical.add(m);
                cols += m.classes() - 1;
            }
        }
        this.columns = cols;
    }

    /**
     * @param behaviours the behavioural modalities (others are ignored)
     * @param bins       bins per trial of the modality to predict
     */
    static BehaviourDesign fit(SessionData session, List<ModalitySpec> behaviours, int[] trainTrials, int bins, int timeBasis) {
        return new BehaviourDesign(session, behaviours, trainTrials, bins, timeBasis);
    }

    int columns() {
        return columns;
    }

    int bins() {
        return bins;
    }

    /** Writes one trial's rows [bins, stride] into out[offset…], {@link #columns()} values per row from column {@code column}. */
    void rows(SessionData session, int trial, double[] out, int offset, int stride, int column) {
        int c = column;
        for (int i = 0; i < continuous.size(); i++) {
            ModalitySpec m = continuous.get(i);
            int width = means.get(i).length;
            int tokens = m.tokensPerTrial();
            float[] values = new float[tokens * width];
            session.copyTrial(m.name(), trial, values, 0, width);
            for (int t = 0; t < bins; t++) {
                int source = (int) ((long) t * tokens / bins);
                for (int w = 0; w < width; w++) {
                    double v = values[source * width + w];
                    double scale = scales.get(i)[w];
                    out[offset + t * stride + c + w] = Double.isFinite(v) && scale > 0 ? (v - means.get(i)[w]) / scale : 0;
                }
            }
            c += width;
        }
        float[] label = new float[1];
        for (ModalitySpec m : categorical) {
            session.copyTrial(m.name(), trial, label, 0, 1);
            int k = (int) label[0];
            for (int t = 0; t < bins; t++) {
                for (int j = 1; j < m.classes(); j++) {
                    out[offset + t * stride + c + j - 1] = k == j ? 1 : 0;
                }
            }
            c += m.classes() - 1;
        }
        for (int t = 0; t < bins; t++) {
            System.arraycopy(timeBasis, t * timeColumns, out, offset + t * stride + c, timeColumns);
        }
    }

    private static double[][] standardisation(SessionData session, ModalitySpec m, int width, int[] trials) {
        int tokens = m.tokensPerTrial();
        float[] values = new float[tokens * width];
        double[] sum = new double[width];
        double[] sumSq = new double[width];
        long[] n = new long[width];
        for (int trial : trials) {
            session.copyTrial(m.name(), trial, values, 0, width);
            for (int t = 0; t < tokens; t++) {
                for (int w = 0; w < width; w++) {
                    double v = values[t * width + w];
                    if (Double.isFinite(v)) {
                        sum[w] += v;
                        sumSq[w] += v * v;
                        n[w]++;
                    }
                }
            }
        }
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int w = 0; w < width; w++) {
            if (n[w] > 0) {
                mean[w] = sum[w] / n[w];
                double variance = sumSq[w] / n[w] - mean[w] * mean[w];
                scale[w] = variance > 1e-12 * (1 + mean[w] * mean[w]) ? Math.sqrt(variance) : 0;
            }
        }
        return new double[][] {mean, scale};
    }
}
