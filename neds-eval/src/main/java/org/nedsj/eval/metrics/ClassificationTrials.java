package org.nedsj.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nedsj.eval.MetricNames;
import org.nedsj.eval.ModalityPredictions;

/**
 * {@link ClassificationScore}'s trials: each scored trial's true and predicted class (the arg-max of the logits,
 * the first on ties); {@code -1} marks a trial that was not scored.
 */
public record ClassificationTrials(String modality, int classes, int[] truth, int[] predicted) implements TrialStatistics {

    static ClassificationTrials of(ModalityPredictions p) {
        int classes = p.modality().classes();
        int[] truth = new int[p.trials()];
        int[] predicted = new int[p.trials()];
        for (int t = 0; t < p.trials(); t++) {
            truth[t] = -1;
            predicted[t] = -1;
            if (p.isScored(t, 0)) {
                truth[t] = ClassificationScore.trueClass(p, t, classes);
                predicted[t] = ClassificationScore.argMax(p.predicted(), t * classes, classes);
            }
        }
        return new ClassificationTrials(p.modality().name(), classes, truth, predicted);
    }

    @Override
    public int trials() {
        return truth.length;
    }

    @Override
    public Map<String, Double> metrics(int[] weights) {
        TrialStatistics.requireLength(weights, trials());
        long[] support = new long[classes];
        long[] right = new long[classes];
        for (int t = 0; t < weights.length; t++) {
            if (truth[t] >= 0) {
                support[truth[t]] += weights[t];
                right[truth[t]] += truth[t] == predicted[t] ? weights[t] : 0;
            }
        }
        long total = 0;
        long correct = 0;
        double recallSum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            total += support[c];
            correct += right[c];
            if (support[c] > 0) {
                recallSum += (double) right[c] / support[c];
                present++;
            }
        }
        var out = new LinkedHashMap<String, Double>();
        out.put(MetricNames.key(modality, MetricNames.ACCURACY), total > 0 ? (double) correct / total : Double.NaN);
        out.put(MetricNames.key(modality, MetricNames.BALANCED_ACCURACY), present > 0 ? recallSum / present : Double.NaN);
        return out;
    }
}
