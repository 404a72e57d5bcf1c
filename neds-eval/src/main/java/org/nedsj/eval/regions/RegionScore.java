package org.nedsj.eval.regions;

import java.util.Arrays;
import java.util.List;

/**
 * How well a classifier tells a neuron's region from its features, cross-validated over sessions.
 *
 * @param features         what the classifier read, e.g. {@code input+output embedding} or {@code firing statistics}
 * @param dimensions       features per neuron
 * @param accuracy         share of neurons whose region was predicted correctly
 * @param balancedAccuracy mean over regions of the share of that region's neurons predicted correctly
 * @param classes          the regions, in confusion-matrix order
 * @param confusion        counts[true region][predicted region], over all folds
 * @param folds            folds (each a set of whole sessions)
 */
public record RegionScore(String features, int dimensions, double accuracy, double balancedAccuracy, List<String> classes,
                          long[][] confusion, int folds) {

    public RegionScore {
        classes = List.copyOf(classes);
    }

    public long neurons() {
        long n = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** The accuracy of always answering the most common region. */
    public double majorityChance() {
        long most = 0;
        for (long[] row : confusion) {
            most = Math.max(most, Arrays.stream(row).sum());
        }
        return neurons() == 0 ? Double.NaN : most / (double) neurons();
    }

    /** The balanced accuracy of any answer that ignores the features: 1 / regions. */
    public double balancedChance() {
        return 1.0 / classes.size();
    }
}
