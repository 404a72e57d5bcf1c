package org.nedsj.data.synth;

import org.nedsj.prep.npy.NpyAppender;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A session's neurons: Poisson with rate {@code base · exp(modulation)}, the modulation given by
 * each neuron's {@link NeuronTuning} of the dataset's latents, constant within
 * {@link LatentDynamics#CELL} cells. Base rates are log-normal: median {@value #MEDIAN_RATE} Hz,
 * σ {@value #RATE_SIGMA} in log space, times the session's rate scale, at most {@value #MAX_RATE} Hz
 * (IBL units span below 1 Hz to tens of Hz with a median of a few Hz, so about half pass the 5 Hz
 * filter of the preprocessing). Spikes are drawn by time rescaling (one exponential budget per
 * neuron carried across cells), so they come out in time order; times are quantised to the 30 kHz
 * sampling of the probes.
 */
final class PoissonPopulation {

    static final double MEDIAN_RATE = 4.0;
    static final double RATE_SIGMA = 1.1;
    static final double MAX_RATE = 100;
    static final int SAMPLE_RATE = 30_000;
    private static final int CELL_TICKS = (int) Math.round(LatentDynamics.CELL * SAMPLE_RATE);

    private final double[] base;
    private final NeuronTuning[] tuning;
    private final int[] probeOf;
    private final int[] clusterOf;
    /** Each neuron's planted region; null when regions are not planted. */
    private final PlantedRegion[] regionOf;
    /** Expected spikes per cell of untuned neurons at the current trial's gain (their rate changes only with it). */
    private final double[] untunedCount;

    private PoissonPopulation(double[] base, NeuronTuning[] tuning, int[] probeOf, int[] clusterOf, PlantedRegion[] regionOf) {
        this.base = base;
        this.tuning = tuning;
        this.probeOf = probeOf;
        this.clusterOf = clusterOf;
        this.regionOf = regionOf;
        this.untunedCount = new double[base.length];
    }

    /** {@code neurons} neurons split evenly over {@code probes} probes (cluster ids local to each probe). */
    static PoissonPopulation draw(int neurons, int probes, double rateScale, SplittableRandom rng) {
        return draw(neurons, probes, rateScale, false, rng);
    }

    /** As {@link #draw(int, int, double, SplittableRandom)}; with {@code planted}, each neuron's tuning follows its {@link PlantedRegion}. */
    static PoissonPopulation draw(int neurons, int probes, double rateScale, boolean planted, SplittableRandom rng) {
        PlantedRegion[] regionOf = planted ? new PlantedRegion[neurons] : null;
        double[] base = new double[neurons];
        NeuronTuning[] tuning = new NeuronTuning[neurons];
        int[] probeOf = new int[neurons];
        int[] clusterOf = new int[neurons];
        int perProbe = (neurons + probes - 1) / probes;
        for (int n = 0; n < neurons; n++) {
            base[n] = Math.min(MAX_RATE, Math.exp(Math.log(MEDIAN_RATE) + RATE_SIGMA * rng.nextGaussian()) * rateScale);
            if (planted) {
                regionOf[n] = PlantedRegion.of(n);
                tuning[n] = NeuronTuning.forRegion(regionOf[n], rng);
            } else {
                tuning[n] = NeuronTuning.draw(rng);
            }
            probeOf[n] = n / perProbe;
            clusterOf[n] = n % perProbe;
        }
        return new PoissonPopulation(base, tuning, probeOf, clusterOf, regionOf);
    }

    /** The planted region of each cluster id of {@code probe} (null when regions are not planted). */
    PlantedRegion[] regionsOn(int probe) {
        if (regionOf == null) {
            return null;
        }
        PlantedRegion[] out = new PlantedRegion[neuronsOn(probe)];
        for (int n = 0; n < base.length; n++) {
            if (probeOf[n] == probe) {
                out[clusterOf[n]] = regionOf[n];
            }
        }
        return out;
    }

    int neurons() {
        return base.length;
    }

    NeuronTuning tuning(int neuron) {
        return tuning[neuron];
    }

    /** Neurons on {@code probe}. */
    int neuronsOn(int probe) {
        return (int) Arrays.stream(probeOf).filter(p -> p == probe).count();
    }

    private void untunedCounts(double logGain) {
        for (int i = 0; i < base.length; i++) {
            untunedCount[i] = base[i] * Math.exp(tuning[i].gainCoupling() * logGain) * LatentDynamics.CELL;
        }
    }

    private double expectedCount(int i, Latents latents, int cell) {
        if (!tuning[i].tuned()) {
            return untunedCount[i];
        }
        return untunedCount[i] * Math.exp(tuning[i].saturatedDrive(latents, cell));
    }

    /**
     * Generates every spike of the session in time order and appends them to each probe's
     * {@code spikes.times} (float64) and {@code spikes.clusters} (uint32) files.
     */
    void emit(Latents latents, SplittableRandom rng, NpyAppender[] times, NpyAppender[] clusters) {
        int n = base.length;
        double[] budget = new double[n];
        for (int i = 0; i < n; i++) {
            budget[i] = -Math.log(1 - rng.nextDouble());
        }
        long[][] keys = new long[times.length][256];
        int[] counts = new int[times.length];
        for (int c = 0; c < latents.cells(); c++) {
            Arrays.fill(counts, 0);
            if (c == 0 || latents.logGain()[c] != latents.logGain()[c - 1]) {
                untunedCounts(latents.logGain()[c]);
            }
            for (int i = 0; i < n; i++) {
                double mu = expectedCount(i, latents, c);
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
}
