package org.nedsj.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import org.nedsj.eval.ConfusionCounts;
import org.nedsj.eval.ModalityPredictions;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.ConfusionMetrics;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.impl.ArrayExample;

/**
 * Accuracy of a categorical modality through Tribuo's {@link LabelConfusionMatrix} and
 * {@link ConfusionMetrics#accuracy}: each scored trial is one {@link Prediction} (the arg-max of the
 * logits, the first on ties) over an {@link ArrayExample} holding the true class.
 *
 * <p>Balanced accuracy is the mean recall over the classes present in the truth (as scikit-learn
 * defines it). Tribuo's {@code balancedErrorRate} also counts classes absent from the truth, as
 * errors, so it is not used.
 *
 * @param accuracy         fraction of scored trials predicted correctly; NaN if none was scored
 * @param balancedAccuracy mean per-class recall over classes present in the truth; NaN if none was scored
 * @param confusion        counts[truth][predicted]
 */
public record ClassificationScore(double accuracy, double balancedAccuracy, ConfusionCounts confusion) {

    public static ClassificationScore of(ModalityPredictions p) {
        int classes = p.modality().classes();
        Label[] labels = new Label[classes];
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (int c = 0; c < classes; c++) {
            labels[c] = new Label(Integer.toString(c));
            info.observe(labels[c]);
        }
        ImmutableOutputInfo<Label> domain = info.generateImmutableOutputInfo();
        List<Prediction<Label>> predictions = new ArrayList<>();
        for (int t = 0; t < p.trials(); t++) {
            if (p.isScored(t, 0)) {
                int truth = trueClass(p, t, classes);
                int predicted = argMax(p.predicted(), t * classes, classes);
                predictions.add(new Prediction<>(labels[predicted], 0, new ArrayExample<>(labels[truth])));
            }
        }
        long[][] counts = new long[classes][classes];
        if (predictions.isEmpty()) {
            return new ClassificationScore(Double.NaN, Double.NaN, new ConfusionCounts(counts));
        }
        var matrix = new LabelConfusionMatrix(domain, predictions);
        double recallSum = 0;
        int present = 0;
        for (int truth = 0; truth < classes; truth++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                counts[truth][predicted] = Math.round(matrix.confusion(labels[predicted], labels[truth]));
            }
            double support = matrix.support(labels[truth]);
            if (support > 0) {
                recallSum += matrix.tp(labels[truth]) / support;
                present++;
            }
        }
        double accuracy = ConfusionMetrics.accuracy(EvaluationMetric.Average.MICRO, matrix);
        return new ClassificationScore(accuracy, recallSum / present, new ConfusionCounts(counts));
    }

    static int trueClass(ModalityPredictions p, int trial, int classes) {
        float v = p.truth()[trial];
        int c = (int) v;
        if (c != v || c < 0 || c >= classes) {
            throw new IllegalArgumentException("modality " + p.modality().name() + ", trial row " + trial
                    + ": true class " + v + " is not a class index 0…" + (classes - 1));
        }
        return c;
    }

    static int argMax(float[] logits, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[offset + c] > logits[offset + best]) {
                best = c;
            }
        }
        return best;
    }
}
