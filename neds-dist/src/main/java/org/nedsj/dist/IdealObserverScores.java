package org.nedsj.dist;

import java.util.List;
import org.nedsj.data.synth.IdealObserver;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.metrics.ClassificationScore;
import org.nedsj.spi.ModalitySpec;

/**
 * The ideal observers' accuracy and balanced accuracy in choice and block, each session scored by the evaluation's
 * own {@link ClassificationScore} (the metric the model and the baselines get), then averaged over the sessions as a
 * report's mean row.
 */
record IdealObserverScores(double choiceAccuracy, double choiceBalancedAccuracy, double blockAccuracy,
                           double blockBalancedAccuracy) {

    static IdealObserverScores of(List<IdealObserver.Readings> sessions) {
        double[] sums = new double[4];
        for (IdealObserver.Readings r : sessions) {
            ClassificationScore choice = score("choice", 2, r.choice(), r.choiceRead());
            ClassificationScore block = score("block", 3, r.block(), r.blockRead());
            sums[0] += choice.accuracy();
            sums[1] += choice.balancedAccuracy();
            sums[2] += block.accuracy();
            sums[3] += block.balancedAccuracy();
        }
        int n = sessions.size();
        return new IdealObserverScores(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n);
    }

    /** The readings as one-token predictions: logit 1 on the class read, every trial scored. */
    private static ClassificationScore score(String task, int classes, int[] truth, int[] read) {
        float[] truths = new float[truth.length];
        float[] logits = new float[truth.length * classes];
        float[] scored = new float[truth.length];
        for (int t = 0; t < truth.length; t++) {
            truths[t] = truth[t];
            logits[t * classes + read[t]] = 1;
            scored[t] = 1;
        }
        return ClassificationScore.of(new ModalityPredictions(ModalitySpec.staticBehaviour(task, classes), truth.length, 1, 1,
                truths, logits, scored));
    }
}
