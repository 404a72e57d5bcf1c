package org.nedsj.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.SyntheticSessions;
import org.nedsj.eval.TaskPredictions;
import org.nedsj.eval.metrics.RegressionScore;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

class SessionBaselinesTest {

    private static final EvaluationSettings SETTINGS = EvaluationSettings.defaults();

    private static int[] trials(SessionData s, Split split) {
        return IntStream.range(0, s.trialCount()).filter(t -> s.split(t) == split).toArray();
    }

    @Test
    void predictionsCarryTheModelsMaskAndTheDataSourcesTruth() {
        SyntheticSessions data = SyntheticSessions.create(1, 60, 20, 30, 4);
        SessionData s = data.session(data.ids().get(0));
        var fitted = SessionBaselines.fit(s, data.modalities(), trials(s, Split.TRAIN), trials(s, Split.VAL),
                SETTINGS.baselines(), null);
        int[] test = trials(s, Split.TEST);
        float[] mask = new float[test.length * 30];
        for (int i = 0; i < mask.length; i += 3) {
            mask[i] = 1;
        }
        TaskPredictions p = fitted.decode(test, Evaluator.DECODING, Map.of("wheel", mask));
        ModalityPredictions wheel = p.modalities().get("wheel");
        assertArrayEquals(mask, wheel.scored());
        float[] truth = new float[30];
        s.copyTrial("wheel", test[1], truth, 0, 1);
        assertEquals(truth[29], wheel.truth()[30 + 29]);
        // a modality without a mask is scored everywhere
        assertEquals(test.length * 30, p.modalities().get("whisker").scoredCount());
        assertEquals(List.of("wheel", "whisker", "choice", "block"), List.copyOf(p.modalities().keySet()));
        assertEquals(List.of("spikes"), List.copyOf(fitted.encode(test, Evaluator.ENCODING, Map.of()).modalities().keySet()));
    }

    @Test
    void aBehaviourNamedInRankOneIsDecodedAlongOneDirection() {
        // block's logit differences (η1 − η0, η2 − η0) over the test trials lie on one line where the baseline is of
        // rank one (η_k = b_k + φ_k·s), and off it at full rank
        SyntheticSessions data = SyntheticSessions.create(1, 120, 20, 30, 6);
        SessionData s = data.session(data.ids().get(0));
        assertTrue(largestTurn(blockLogits(s, data, settings("baselines.logistic.rank-one = [block]"))) < 1e-4);
        assertTrue(largestTurn(blockLogits(s, data, SETTINGS)) > 1e-2);
    }

    @Test
    void theLogisticPenaltyIsChosenByTheFoldsOfTheTrainingTrials() {
        // no validation trials, one candidate λ of 1e-3 and a default of 1e3: the folds choose the candidate (choice's
        // logits spread over the test trials), while choosing on validation trials falls back to the default (flat)
        SyntheticSessions data = SyntheticSessions.create(1, 120, 20, 30, 6);
        SessionData s = data.session(data.ids().get(0));
        String penalties = "baselines.logistic { penalties = [1e-3], default-penalty = 1e3, folds = %d }";
        double byFolds = spread(choiceLogits(s, data, settings(String.format(penalties, 5))));
        double byValidation = spread(choiceLogits(s, data, settings(String.format(penalties, 0))));
        assertTrue(byFolds > 1, "λ = 1e-3: logit differences spread by " + byFolds);
        assertTrue(byValidation < 0.05, "λ = 1e3: logit differences spread by " + byValidation);
    }

    private static EvaluationSettings settings(String overrides) {
        return EvaluationSettings.fromConfig(ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.defaultReference(SessionBaselinesTest.class.getClassLoader()).getConfig("eval")));
    }

    /** Choice's logits over the test trials, fitted without validation trials. */
    private static float[] choiceLogits(SessionData s, SyntheticSessions data, EvaluationSettings settings) {
        var fitted = SessionBaselines.fit(s, data.modalities(), trials(s, Split.TRAIN), new int[0], settings.baselines(), null);
        return fitted.decode(trials(s, Split.TEST), Evaluator.DECODING, Map.of()).modalities().get("choice").predicted();
    }

    /** The range of η1 − η0 over the trials of two-class logits {@code [trials, 2]}. */
    private static double spread(float[] logits) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i += 2) {
            lo = Math.min(lo, logits[i + 1] - logits[i]);
            hi = Math.max(hi, logits[i + 1] - logits[i]);
        }
        return hi - lo;
    }

    private static float[] blockLogits(SessionData s, SyntheticSessions data, EvaluationSettings settings) {
        var fitted = SessionBaselines.fit(s, data.modalities(), trials(s, Split.TRAIN), trials(s, Split.VAL),
                settings.baselines(), null);
        return fitted.decode(trials(s, Split.TEST), Evaluator.DECODING, Map.of()).modalities().get("block").predicted();
    }

    /**
     * The largest |sin| of the angle at the first trial's point between the other trials' points, (η1 − η0, η2 − η0)
     * of logits {@code [trials, 3]}: 0 where they all lie on one line through it.
     */
    private static double largestTurn(float[] logits) {
        int n = logits.length / 3;
        double x0 = logits[1] - logits[0];
        double y0 = logits[2] - logits[0];
        double[][] v = new double[n - 1][];
        for (int i = 1; i < n; i++) {
            v[i - 1] = new double[]{logits[3 * i + 1] - logits[3 * i] - x0, logits[3 * i + 2] - logits[3 * i] - y0};
        }
        double largest = 0;
        for (double[] a : v) {
            for (double[] b : v) {
                double na = Math.hypot(a[0], a[1]);
                double nb = Math.hypot(b[0], b[1]);
                if (na > 1e-3 && nb > 1e-3) {
                    largest = Math.max(largest, Math.abs(a[0] * b[1] - a[1] * b[0]) / (na * nb));
                }
            }
        }
        return largest;
    }

    @Test
    void neuralContinuousValuesAreEncodedByRidgeFromBehaviour() {
        ContinuousNeuralSession s = new ContinuousNeuralSession(80, 20, new SplittableRandom(8));
        var fitted = SessionBaselines.fit(s, s.modalities, trials(s, Split.TRAIN), trials(s, Split.VAL),
                SETTINGS.baselines(), null);
        TaskPredictions encoded = fitted.encode(trials(s, Split.TEST), Evaluator.ENCODING, Map.of());
        // lfp = (2·wheel, −wheel + choice) + noise 0.1: a linear map of the regressors
        assertTrue(RegressionScore.of(encoded.modalities().get("lfp")).pooled() > 0.9);
        // no neural counts: nothing to decode from
        assertTrue(fitted.decode(trials(s, Split.TEST), Evaluator.DECODING, Map.of()).modalities().isEmpty());
    }

    /** An LFP-like neural modality of width 2 driven by wheel and choice; no spikes. */
    private static final class ContinuousNeuralSession implements SessionData {
        final List<ModalitySpec> modalities = List.of(
                new ModalitySpec("lfp", ModalitySpec.Kind.DYNAMIC_CONTINUOUS, ModalitySpec.Role.NEURAL, 20, 2, 0),
                ModalitySpec.dynamicBehaviour("wheel", 20), ModalitySpec.staticBehaviour("choice", 2));
        private final float[][] lfp;
        private final float[][] wheel;
        private final float[] choice;

        ContinuousNeuralSession(int trials, int bins, SplittableRandom random) {
            lfp = new float[trials][bins * 2];
            wheel = new float[trials][bins];
            choice = new float[trials];
            for (int t = 0; t < trials; t++) {
                choice[t] = random.nextInt(2);
                for (int k = 0; k < bins; k++) {
                    wheel[t][k] = (float) random.nextGaussian();
                    lfp[t][2 * k] = (float) (2 * wheel[t][k] + 0.1 * random.nextGaussian());
                    lfp[t][2 * k + 1] = (float) (-wheel[t][k] + choice[t] + 0.1 * random.nextGaussian());
                }
            }
        }

        @Override
        public SessionInfo info() {
            return new SessionInfo("lfp-session", 0, Map.of("lfp", 2), 56, 8, 16, "memory");
        }

        @Override
        public int trialCount() {
            return lfp.length;
        }

        @Override
        public Split split(int trial) {
            return SyntheticSessions.splitOf(trial);
        }

        @Override
        public void copyTrial(String modality, int trial, float[] dest, int offset, int stride) {
            switch (modality) {
                case "lfp" -> {
                    for (int k = 0; k < 20; k++) {
                        System.arraycopy(lfp[trial], 2 * k, dest, offset + k * stride, 2);
                    }
                }
                case "wheel" -> {
                    for (int k = 0; k < 20; k++) {
                        dest[offset + k * stride] = wheel[trial][k];
                    }
                }
                case "choice" -> dest[offset] = choice[trial];
                default -> throw new IllegalArgumentException(modality);
            }
        }
    }
}
