package org.nedsj.trainer.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running means of the losses over an epoch: each modality's loss weighted by how many target
 * tokens it had in the batch (batches where a modality had no target do not count for it), and the
 * total as the weighted sum of the modality means.
 */
public final class LossTally {

    private final Map<String, Double> weights;
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /** @param weights loss weight per modality */
    public LossTally(Map<String, Double> weights) {
        this.weights = new LinkedHashMap<>(weights);
        weights.keySet().forEach(m -> sums.put(m, new double[2]));
    }

    public void add(String modality, double loss, long targets) {
        if (targets <= 0) {
            return;
        }
        double[] s = sums.get(modality);
        s[0] += loss * targets;
        s[1] += targets;
    }

    /** Mean loss of a modality over its targets, NaN when it had none. */
    public double modality(String modality) {
        double[] s = sums.get(modality);
        return s == null || s[1] == 0 ? Double.NaN : s[0] / s[1];
    }

    /** Σ weight · modality mean over the modalities that had targets. */
    public double total() {
        double total = 0;
        boolean any = false;
        for (String m : sums.keySet()) {
            double v = modality(m);
            if (!Double.isNaN(v)) {
                total += weights.get(m) * v;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    public List<String> modalities() {
        return List.copyOf(sums.keySet());
    }
}
