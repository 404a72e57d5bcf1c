package org.nedsj.eval.regions;

import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.ConfusionMetrics;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.impl.ArrayExample;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes each neuron's region from its features with {@link SoftmaxRegression}, cross-validated over
 * {@link GroupedFolds} (a session's neurons are never on both sides), and scores the held-out
 * predictions through Tribuo's {@link LabelConfusionMatrix} (accuracy by {@link ConfusionMetrics#accuracy};
 * balanced accuracy as the mean recall over the regions present, as in
 * {@link org.nedsj.eval.metrics.ClassificationScore}).
 *
 * @param folds      folds at most (fewer when there are fewer sessions)
 * @param penalty    λ of the L2 penalty on the z-scored features' weights
 * @param iterations gradient steps at most
 */
public record RegionDecoding(int folds, double penalty, int iterations) {

    public static final RegionDecoding DEFAULT = new RegionDecoding(5, 0.01, 300);

    public RegionScore crossValidate(String features, NeuronTable table) {
        List<String> classes = table.classes();
        if (classes.size() < 2) {
            throw new IllegalArgumentException("region decoding needs neurons of at least 2 regions; the neurons are " + table.counts());
        }
        int[] y = table.regions().stream().mapToInt(classes::indexOf).toArray();
        int[] fold = GroupedFolds.assign(table.sessions(), folds);
        int k = GroupedFolds.count(fold);
        int[] predicted = new int[table.size()];
        for (int f = 0; f < k; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(table.features()[i]);
                    trainY.add(y[i]);
                }
            }
            SoftmaxRegression model = SoftmaxRegression.fit(trainX.toArray(double[][]::new),
                    trainY.stream().mapToInt(Integer::intValue).toArray(), classes.size(), penalty, iterations);
            for (int i = 0; i < table.size(); i++) {
                if (fold[i] == f) {
                    predicted[i] = model.predict(table.features()[i]);
                }
            }
        }
        return score(features, table.features()[0].length, classes, y, predicted, k);
    }

    static RegionScore score(String features, int dimensions, List<String> classes, int[] truth, int[] predicted, int folds) {
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        Label[] labels = classes.stream().map(Label::new).toArray(Label[]::new);
        for (Label l : labels) {
            info.observe(l);
        }
        ImmutableOutputInfo<Label> domain = info.generateImmutableOutputInfo();
        List<Prediction<Label>> predictions = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            predictions.add(new Prediction<>(labels[predicted[i]], 0, new ArrayExample<>(labels[truth[i]])));
        }
        var matrix = new LabelConfusionMatrix(domain, predictions);
        int c = classes.size();
        long[][] counts = new long[c][c];
        double recall = 0;
        int present = 0;
        for (int t = 0; t < c; t++) {
            for (int p = 0; p < c; p++) {
                counts[t][p] = Math.round(matrix.confusion(labels[p], labels[t]));
            }
            double support = matrix.support(labels[t]);
            if (support > 0) {
                recall += matrix.tp(labels[t]) / support;
                present++;
            }
        }
        double accuracy = ConfusionMetrics.accuracy(EvaluationMetric.Average.MICRO, matrix);
        return new RegionScore(features, dimensions, accuracy, recall / present, classes, counts, folds);
    }
}
