package org.nedsj.data.synth;

import org.nedsj.data.npy.NpyAppender;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Poisson neurons whose rate is {@code base · exp(clamp(β · x(t), −3, 3))}, constant within 20 ms
 * cells. Base rates are log-normal (median 4 Hz, σ 0.9 in log space, times a rate scale, at most
 * 80 Hz); the covariates {@code x(t)} and each neuron's weights (normal, standard deviations in brackets):
 * <ul>
 *   <li>wheel speed / 4 rad/s, at most 1.5 (1.0);</li>
 *   <li>whisker motion envelope (0.4);</li>
 *   <li>choice ±1 from 50 ms after stimulus onset to 300 ms after feedback (0.8);</li>
 *   <li>stimulus: side (+1 left, −1 right) × √contrast, 40–250 ms after onset (0.5);</li>
 *   <li>block: (probabilityLeft − 0.5) / 0.3, i.e. −1, 0, +1, through the whole trial (0.35).</li>
 * </ul>
 * Spikes are drawn by time rescaling (one exponential budget per neuron carried across cells), so
 * they come out in time order; times are quantised to the 30 kHz sampling of the probes.
 */
final class PoissonPopulation {

    static final double CELL = 0.02;
    static final int SAMPLE_RATE = 30_000;
    private static final int CELL_TICKS = (int) Math.round(CELL * SAMPLE_RATE);
    private static final int COVARIATES = 5;

    private final double[] base;
    private final double[][] weights;
    private final int[] probeOf;
    private final int[] clusterOf;

    private PoissonPopulation(double[] base, double[][] weights, int[] probeOf, int[] clusterOf) {
        this.base = base;
        this.weights = weights;
        this.probeOf = probeOf;
        this.clusterOf = clusterOf;
    }

    /** {@code neurons} neurons split evenly over {@code probes} probes (cluster ids local to each probe). */
    static PoissonPopulation draw(int neurons, int probes, double rateScale, SplittableRandom rng) {
        double[] base = new double[neurons];
        double[][] w = new double[neurons][COVARIATES];
        double[] sd = {1.0, 0.4, 0.8, 0.5, 0.35};
        int[] probeOf = new int[neurons];
        int[] clusterOf = new int[neurons];
        int perProbe = (neurons + probes - 1) / probes;
        for (int n = 0; n < neurons; n++) {
            base[n] = Math.min(80, Math.exp(Math.log(4) + 0.9 * rng.nextGaussian()) * rateScale);
            for (int k = 0; k < COVARIATES; k++) {
                w[n][k] = sd[k] * rng.nextGaussian();
            }
            probeOf[n] = n / perProbe;
            clusterOf[n] = n % perProbe;
        }
        return new PoissonPopulation(base, w, probeOf, clusterOf);
    }

    int neurons() {
        return base.length;
    }

    /** Neurons on {@code probe}. */
    int neuronsOn(int probe) {
        return (int) Arrays.stream(probeOf).filter(p -> p == probe).count();
    }

    /**
     * Generates every spike of the session in time order and appends them to each probe's
     * {@code spikes.times} (float64) and {@code spikes.clusters} (uint32) files.
     */
    void emit(SyntheticTrials trials, BehaviourTrace trace, SplittableRandom rng, NpyAppender[] times, NpyAppender[] clusters) {
        int cells = (int) Math.floor(trials.duration() / CELL);
        int n = base.length;
        double[] budget = new double[n];
        for (int i = 0; i < n; i++) {
            budget[i] = -Math.log(1 - rng.nextDouble());
        }
        double[] x = new double[COVARIATES];
        long[][] keys = new long[times.length][256];
        int[] counts = new int[times.length];
        double[][] restingMu = restingExpectations();
        int trial = 0;
        int msPerCell = (int) Math.round(CELL / BehaviourTrace.DT);
        for (int c = 0; c < cells; c++) {
            double t = (c + 0.5) * CELL;
            while (trial + 1 < trials.size() && trials.start()[trial + 1] <= t) {
                trial++;
            }
            covariates(trials, trace, trial, t, c * msPerCell, (c + 1) * msPerCell, x);
            Arrays.fill(counts, 0);
            boolean resting = x[0] == 0 && x[1] == 0 && x[2] == 0 && x[3] == 0;
            int level = (int) Math.round(x[4]) + 1;
            for (int i = 0; i < n; i++) {
                double mu = resting ? restingMu[level][i] : expectedCount(i, x);
                double used = 0;
                while (budget[i] < mu - used) {
                    used += budget[i];
                    budget[i] = -Math.log(1 - rng.nextDouble());
                    int p = probeOf[i];
                    int tick = Math.min(CELL_TICKS - 1, (int) (used / mu * CELL_TICKS));
                    if (counts[p] == keys[p].length) {
                        keys[p] = Arrays.copyOf(keys[p], 2 * counts[p]);
                    }
                    keys[p][counts[p]++] = ((long) tick << 32) | clusterOf[i];
                }
                budget[i] -= mu - used;
            }
            for (int p = 0; p < times.length; p++) {
                Arrays.sort(keys[p], 0, counts[p]);
                for (int k = 0; k < counts[p]; k++) {
                    long key = keys[p][k];
                    times[p].put(((long) c * CELL_TICKS + (key >>> 32)) / (double) SAMPLE_RATE);
                    clusters[p].put(key & 0xFFFFFFFFL);
                }
            }
        }
    }

    private double expectedCount(int neuron, double[] x) {
        double lin = 0;
        for (int k = 0; k < COVARIATES; k++) {
            lin += weights[neuron][k] * x[k];
        }
        return base[neuron] * Math.exp(Math.max(-3, Math.min(3, lin))) * CELL;
    }

    /** Expected spikes per cell when only the block covariate (−1, 0, +1) is active. */
    private double[][] restingExpectations() {
        double[][] mu = new double[3][base.length];
        double[] x = new double[COVARIATES];
        for (int level = 0; level < 3; level++) {
            x[4] = level - 1;
            for (int i = 0; i < base.length; i++) {
                mu[level][i] = expectedCount(i, x);
            }
        }
        return mu;
    }

    private static void covariates(SyntheticTrials trials, BehaviourTrace trace, int trial, double t, int from, int to, double[] x) {
        x[0] = Math.min(1.5, trace.meanSpeed(from, to) / 4);
        x[1] = trace.meanEnvelope(from, to);
        double onset = trials.stimulusOnset()[trial];
        boolean engaged = t >= onset + 0.05 && t <= trials.feedback()[trial] + 0.3;
        x[2] = engaged ? trials.choice()[trial] : 0;
        boolean stimulus = t >= onset + 0.04 && t <= onset + 0.25;
        double left = trials.contrastLeft()[trial];
        double right = trials.contrastRight()[trial];
        x[3] = !stimulus ? 0 : Double.isNaN(left) ? -Math.sqrt(right) : Math.sqrt(left);
        x[4] = (trials.probabilityLeft()[trial] - 0.5) / 0.3;
    }
}
