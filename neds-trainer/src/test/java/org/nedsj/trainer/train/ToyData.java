package org.nedsj.trainer.train;

import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small in-memory data source with structure to learn: per trial a choice (0/1) and block (0..2);
 * wheel speed a bump whose height follows the choice; whisker energy following the wheel; Poisson
 * neurons whose rates follow wheel and choice. Trials 0..69 % train, then val, then test.
 */
final class ToyData implements DataSource {

    static final int BINS = 12;
    private final List<ModalitySpec> modalities = List.of(ModalitySpec.neuralCounts("spikes", BINS),
            ModalitySpec.dynamicBehaviour("wheel", BINS), ModalitySpec.dynamicBehaviour("whisker", BINS),
            ModalitySpec.staticBehaviour("choice", 2), ModalitySpec.staticBehaviour("block", 3));
    private final List<SessionInfo> sessions = new ArrayList<>();
    private final List<Session> data = new ArrayList<>();

    ToyData(long seed, int trials, int... neurons) {
        for (int s = 0; s < neurons.length; s++) {
            Session session = new Session("toy" + s, neurons[s], trials, new Random(seed + s));
            data.add(session);
            sessions.add(session.info);
        }
    }

    /** Makes every trial's block its session's index (mod 3): a class a per-session readout can learn, a shared one cannot. */
    ToyData blockBySession() {
        for (int s = 0; s < data.size(); s++) {
            java.util.Arrays.fill(data.get(s).block, s % 3);
        }
        return this;
    }

    /** The Poisson loss λ − y·log λ of the generating rates on the first {@code share} of a session's trials. */
    double trueRateLoss(int session, double share) {
        Session s = data.get(session);
        double total = 0;
        long n = 0;
        for (int t = 0; t < (int) (s.choice.length * share); t++) {
            for (int i = 0; i < s.spikes[t].length; i++) {
                total += s.rates[t][i] - s.spikes[t][i] * Math.log(s.rates[t][i]);
                n++;
            }
        }
        return total / n;
    }

    /** Sets one wheel value of one trial (to make a bad input). */
    void corruptWheel(int session, int trial, float value) {
        data.get(session).wheel[trial][0] = value;
    }

    @Override
    public List<ModalitySpec> modalities() {
        return modalities;
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions;
    }

    @Override
    public SessionData session(String id) {
        return data.stream().filter(s -> s.info.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public String fingerprint() {
        return "toy";
    }

    private static final class Session implements SessionData {
        final SessionInfo info;
        final float[][] spikes;
        final float[][] wheel;
        final float[][] whisker;
        final int[] choice;
        final int[] block;
        final int neurons;
        final double[][] rates;
        final double[] tuning;

        Session(String id, int neurons, int trials, Random rng) {
            this.neurons = neurons;
            int train = (int) (trials * 0.7);
            int val = (int) (trials * 0.1);
            this.info = new SessionInfo(id, neurons, train, val, trials - train - val, "memory");
            spikes = new float[trials][BINS * neurons];
            rates = new double[trials][BINS * neurons];
            wheel = new float[trials][BINS];
            whisker = new float[trials][BINS];
            choice = new int[trials];
            block = new int[trials];
            tuning = new double[neurons];
            for (int n = 0; n < neurons; n++) {
                tuning[n] = rng.nextGaussian();
            }
            for (int t = 0; t < trials; t++) {
                choice[t] = rng.nextInt(2);
                block[t] = rng.nextInt(3);
                for (int b = 0; b < BINS; b++) {
                    double bump = Math.exp(-Math.pow(b - BINS / 2.0, 2) / 4.0);
                    wheel[t][b] = (float) ((0.3 + 0.7 * choice[t]) * bump);
                    whisker[t][b] = (float) (0.5 * wheel[t][b] + 0.1 * block[t]);
                    for (int n = 0; n < neurons; n++) {
                        double rate = Math.exp(-1.0 + tuning[n] * (wheel[t][b] - 0.3) + 0.3 * tuning[n] * (choice[t] - 0.5));
                        rates[t][b * neurons + n] = rate;
                        spikes[t][b * neurons + n] = poisson(rate, rng);
                    }
                }
            }
        }

        private static int poisson(double rate, Random rng) {
            double l = Math.exp(-rate);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= rng.nextDouble();
            } while (p > l);
            return k - 1;
        }

        @Override
        public SessionInfo info() {
            return info;
        }

        /** A neuron's "region" is how it reads wheel and choice: up (tuning > 0.4), down (< −0.4) or flat. */
        @Override
        public java.util.Optional<List<String>> unitRegions() {
            List<String> r = new ArrayList<>();
            for (double t : tuning) {
                r.add(t > 0.4 ? "up" : t < -0.4 ? "down" : "flat");
            }
            return java.util.Optional.of(r);
        }

        @Override
        public int trialCount() {
            return choice.length;
        }

        @Override
        public Split split(int trial) {
            return trial < info.trainTrials() ? Split.TRAIN
                    : trial < info.trainTrials() + info.valTrials() ? Split.VAL : Split.TEST;
        }

        @Override
        public void copyTrial(String modality, int trial, float[] dest, int offset, int stride) {
            switch (modality) {
                case "spikes" -> {
                    for (int b = 0; b < BINS; b++) {
                        System.arraycopy(spikes[trial], b * neurons, dest, offset + b * stride, neurons);
                    }
                }
                case "wheel" -> rows(wheel[trial], dest, offset, stride);
                case "whisker" -> rows(whisker[trial], dest, offset, stride);
                case "choice" -> dest[offset] = choice[trial];
                case "block" -> dest[offset] = block[trial];
                default -> throw new IllegalArgumentException(modality);
            }
        }

        private static void rows(float[] v, float[] dest, int offset, int stride) {
            for (int b = 0; b < v.length; b++) {
                dest[offset + b * stride] = v[b];
            }
        }
    }
}
