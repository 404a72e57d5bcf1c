package org.nedsj.prep.align;

import java.util.Map;

/**
 * Scales a dynamic behaviour per session over all kept trials and bins: {@code z-score},
 * {@code min-max} or {@code none}. The statistics (raw units) are kept for the summary either way.
 */
public final class BehaviourScaling {

    private BehaviourScaling() {
    }

    /** The first {@code n} values scaled; their min, max, mean and sd go into {@code stats}. */
    public static float[] scale(double[] values, int n, String scaling, Map<String, Double> stats) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
            sum += values[i];
        }
        double mean = n > 0 ? sum / n : 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        double sd = n > 0 ? Math.sqrt(squares / n) : 0;
        stats.putAll(Map.of("min", min, "max", max, "mean", mean, "sd", sd));
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) switch (scaling) {
                case "z-score" -> sd > 0 ? (values[i] - mean) / sd : 0.0;
                case "min-max" -> max > min ? (values[i] - min) / (max - min) : 0.0;
                default -> values[i];
            };
        }
        return out;
    }
}
