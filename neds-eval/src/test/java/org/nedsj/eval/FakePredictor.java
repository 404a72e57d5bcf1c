package org.nedsj.eval;

import java.util.LinkedHashMap;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ModalitySpec.Kind;

/**
 * A stand-in for a trained model. Masks: {@code encoding} scores the neural modalities,
 * {@code decoding} the behavioural ones, any other scheme every even token (every even trial of a
 * static modality) of every modality. Predictions follow {@link Mode}.
 */
public final class FakePredictor implements ModelPredictor {

    public enum Mode {
        /** Behaviour: the true values (one-hot logits for classes); spikes: each neuron's training mean rate. */
        TRUTH_AND_MEAN_RATES,
        /** Behaviour: zeros (class 0); spikes: the generating log rates. */
        ZEROS_AND_TRUE_RATES
    }

    private final SyntheticSessions data;
    private final Mode mode;

    public FakePredictor(SyntheticSessions data, Mode mode) {
        this.data = data;
        this.mode = mode;
    }

    @Override
    public TaskPredictions predict(String sessionId, int[] trials, String scheme) {
        SyntheticSessions.Session s = data.session(sessionId);
        var out = new LinkedHashMap<String, ModalityPredictions>();
        for (ModalitySpec m : data.modalities()) {
            int width = s.info().width(m);
            int tokens = m.tokensPerTrial();
            int perTrial = tokens * width;
            float[] truth = new float[trials.length * perTrial];
            for (int i = 0; i < trials.length; i++) {
                s.copyTrial(m.name(), trials[i], truth, i * perTrial, width);
            }
            float[] scored = new float[trials.length * tokens];
            for (int i = 0; i < trials.length; i++) {
                for (int k = 0; k < tokens; k++) {
                    boolean hit = switch (scheme) {
                        case "encoding" -> m.isNeural();
                        case "decoding" -> !m.isNeural();
                        default -> (m.isStatic() ? i : k) % 2 == 0;
                    };
                    scored[i * tokens + k] = hit ? 1f : 0f;
                }
            }
            out.put(m.name(), new ModalityPredictions(m, trials.length, tokens, width, truth,
                    predicted(s, m, trials, truth), scored));
        }
        return new TaskPredictions(sessionId, scheme, trials, out);
    }

    private float[] predicted(SyntheticSessions.Session s, ModalitySpec m, int[] trials, float[] truth) {
        if (m.kind() == Kind.NEURAL_COUNTS) {
            return mode == Mode.TRUTH_AND_MEAN_RATES ? meanRates(s, m, trials.length) : trueRates(s, trials);
        }
        if (m.kind() == Kind.STATIC_CATEGORICAL) {
            float[] logits = new float[trials.length * m.classes()];
            for (int i = 0; i < trials.length; i++) {
                int label = mode == Mode.TRUTH_AND_MEAN_RATES ? (int) truth[i] : 0;
                logits[i * m.classes() + label] = 10f;
            }
            return logits;
        }
        return mode == Mode.TRUTH_AND_MEAN_RATES ? truth.clone() : new float[truth.length];
    }

    /** log of each neuron's mean count per bin over the training trials, computed here independently. */
    static float[] meanRates(SyntheticSessions.Session s, ModalitySpec m, int trials) {
        int neurons = s.info().width(m);
        int bins = m.tokensPerTrial();
        double[] sums = new double[neurons];
        int rows = 0;
        float[] trial = new float[bins * neurons];
        for (int t = 0; t < s.trialCount(); t++) {
            if (s.split(t) != org.nedsj.spi.Split.TRAIN) {
                continue;
            }
            s.copyTrial(m.name(), t, trial, 0, neurons);
            for (int k = 0; k < bins; k++) {
                for (int n = 0; n < neurons; n++) {
                    sums[n] += trial[k * neurons + n];
                }
                rows++;
            }
        }
        float[] out = new float[trials * bins * neurons];
        for (int n = 0; n < neurons; n++) {
            double rate = sums[n] > 0 ? sums[n] / rows : 0.5 / rows;
            float log = (float) Math.log(rate);
            for (int r = 0; r < trials * bins; r++) {
                out[r * neurons + n] = log;
            }
        }
        return out;
    }

    private static float[] trueRates(SyntheticSessions.Session s, int[] trials) {
        int per = s.trueLogRates(0).length;
        float[] out = new float[trials.length * per];
        for (int i = 0; i < trials.length; i++) {
            System.arraycopy(s.trueLogRates(trials[i]), 0, out, i * per, per);
        }
        return out;
    }
}
