package org.nedsj.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

/**
 * Small IBL-like sessions with a known generative model, for tests: choice (2 classes) biased by
 * block (3 classes); wheel speed a signed bump after a random movement onset; whisker energy a
 * smooth process plus movement; spike counts Poisson with log rates linear in wheel, whisker, choice
 * and time. Trial i is train when i mod 10 < 7, validation when 7, test otherwise.
 */
public final class SyntheticSessions implements DataSource {

    private final List<ModalitySpec> modalities;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    private SyntheticSessions(List<ModalitySpec> modalities) {
        this.modalities = modalities;
    }

    public static SyntheticSessions create(int sessionCount, int trials, int neurons, int bins, long seed) {
        var modalities = List.of(ModalitySpec.neuralCounts("spikes", bins), ModalitySpec.dynamicBehaviour("wheel", bins),
                ModalitySpec.dynamicBehaviour("whisker", bins), ModalitySpec.staticBehaviour("choice", 2),
                ModalitySpec.staticBehaviour("block", 3));
        var source = new SyntheticSessions(modalities);
        for (int s = 0; s < sessionCount; s++) {
            String id = "synthetic-" + s;
            source.sessions.put(id, Session.generate(id, trials, neurons + 7 * s, bins, new SplittableRandom(seed + 1000L * s)));
        }
        return source;
    }

    @Override
    public List<ModalitySpec> modalities() {
        return modalities;
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions.values().stream().map(Session::info).toList();
    }

    @Override
    public Session session(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s == null) {
            throw new IllegalArgumentException("unknown session " + sessionId);
        }
        return s;
    }

    @Override
    public String fingerprint() {
        return "synthetic";
    }

    public List<String> ids() {
        return new ArrayList<>(sessions.keySet());
    }

    public static Split splitOf(int trial) {
        int r = trial % 10;
        return r < 7 ? Split.TRAIN : r == 7 ? Split.VAL : Split.TEST;
    }

    /** One generated session; {@link #trueLogRates} holds the generating log rates [trials, bins, neurons]. */
    public static final class Session implements SessionData {
        private final SessionInfo info;
        private final int bins;
        private final Map<String, float[][]> values = new LinkedHashMap<>();
        final float[][] trueLogRates;

        private Session(SessionInfo info, int bins, int trials) {
            this.info = info;
            this.bins = bins;
            this.trueLogRates = new float[trials][];
        }

        static Session generate(String id, int trials, int neurons, int bins, SplittableRandom random) {
            int train = 0;
            int val = 0;
            for (int t = 0; t < trials; t++) {
                switch (splitOf(t)) {
                    case TRAIN -> train++;
                    case VAL -> val++;
                    default -> { }
                }
            }
            var s = new Session(new SessionInfo(id, neurons, train, val, trials - train - val, "memory"), bins, trials);
            double[] base = new double[neurons];
            double[] wheelGain = new double[neurons];
            double[] whiskerGain = new double[neurons];
            double[] choiceGain = new double[neurons];
            double[] timeGain = new double[neurons];
            for (int n = 0; n < neurons; n++) {
                base[n] = Math.log(0.03 + 0.3 * random.nextDouble());
                wheelGain[n] = random.nextGaussian() * 0.5;
                whiskerGain[n] = random.nextGaussian() * 0.4;
                choiceGain[n] = random.nextGaussian() * 0.3;
                timeGain[n] = random.nextGaussian() * 0.4;
            }
            float[][] spikes = new float[trials][];
            float[][] wheel = new float[trials][];
            float[][] whisker = new float[trials][];
            float[][] choice = new float[trials][];
            float[][] block = new float[trials][];
            for (int t = 0; t < trials; t++) {
                int b = random.nextInt(3);
                double pRight = new double[] {0.2, 0.5, 0.8}[b];
                int c = random.nextDouble() < pRight ? 1 : 0;
                double sign = 2 * c - 1;
                double onset = bins * (0.3 + 0.2 * random.nextDouble());
                wheel[t] = new float[bins];
                whisker[t] = new float[bins];
                double w = 0;
                for (int k = 0; k < bins; k++) {
                    double u = (k - onset) / (bins * 0.08);
                    wheel[t][k] = (float) (sign * Math.exp(-0.5 * u * u) + 0.05 * random.nextGaussian());
                    w = 0.9 * w + 0.3 * random.nextGaussian();
                    whisker[t][k] = (float) (w + 0.8 * Math.abs(wheel[t][k]));
                }
                choice[t] = new float[] {c};
                block[t] = new float[] {b};
                spikes[t] = new float[bins * neurons];
                s.trueLogRates[t] = new float[bins * neurons];
                for (int k = 0; k < bins; k++) {
                    double time = Math.sin(Math.PI * k / bins);
                    for (int n = 0; n < neurons; n++) {
                        double logRate = base[n] + wheelGain[n] * wheel[t][k] + whiskerGain[n] * whisker[t][k]
                                + choiceGain[n] * sign * (k > onset ? 1 : 0) + timeGain[n] * time;
                        s.trueLogRates[t][k * neurons + n] = (float) logRate;
                        spikes[t][k * neurons + n] = poisson(Math.exp(logRate), random);
                    }
                }
            }
            s.values.put("spikes", spikes);
            s.values.put("wheel", wheel);
            s.values.put("whisker", whisker);
            s.values.put("choice", choice);
            s.values.put("block", block);
            return s;
        }

        private static float poisson(double rate, SplittableRandom random) {
            double limit = Math.exp(-rate);
            double p = random.nextDouble();
            int k = 0;
            while (p > limit) {
                p *= random.nextDouble();
                k++;
            }
            return k;
        }

        @Override
        public SessionInfo info() {
            return info;
        }

        @Override
        public int trialCount() {
            return trueLogRates.length;
        }

        @Override
        public Split split(int trial) {
            return splitOf(trial);
        }

        @Override
        public void copyTrial(String modality, int trial, float[] dest, int offset, int stride) {
            float[][] v = values.get(modality);
            if (v == null) {
                throw new IllegalArgumentException("no modality " + modality);
            }
            float[] row = v[trial];
            int width = row.length / (row.length == 1 ? 1 : bins);
            if (row.length == 1) {
                dest[offset] = row[0];
                return;
            }
            for (int k = 0; k < bins; k++) {
                System.arraycopy(row, k * width, dest, offset + k * stride, width);
            }
        }

        /** The generating log rates of a trial, [bins, neurons]. */
        public float[] trueLogRates(int trial) {
            return trueLogRates[trial].clone();
        }
    }
}
