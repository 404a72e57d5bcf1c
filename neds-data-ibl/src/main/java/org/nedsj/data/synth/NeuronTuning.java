package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * How one neuron reads the latent factors of {@link LatentDynamics}: its log-rate modulation at time
 * t is {@code M · d / (M + |d|)} (a saturating drive, M = {@value #MAX_MODULATION}, so rates stay
 * within e^{±M} of base) of {@code d = Σ_k w_k · φ_k(z_k(t − lag))} plus its coupling to the trial's
 * excitability gain.
 * <ul>
 *   <li>{@value #UNTUNED_SHARE} of neurons are untuned: no loadings at all;</li>
 *   <li>a tuned neuron reads factor k with probability {@code P[k]}, weight N(0, {@code SD[k]}²)
 *       (see the tables below): movement is read by the most neurons and strongest (movement
 *       dominates brain-wide activity), stimulus and choice by subsets, the prior weakly;</li>
 *   <li>lag ∈ U(−100, +150) ms in 10 ms steps, one per neuron for all its factors (negative: the
 *       neuron leads the latent, e.g. fires before the movement);</li>
 *   <li>φ is the identity except for movement: rectified {@code max(0, z − θ)} with θ ∈ U(0, 0.5)
 *       for 60 % of the neurons reading it, bell-shaped {@code 1 / (1 + ((z − μ)/σ)²)} with preferred
 *       μ ∈ U(0.3, 1.5), σ ∈ U(0.2, 0.5) for the rest;</li>
 *   <li>gain coupling ∈ U(0.5, 1.5), for tuned and untuned neurons.</li>
 * </ul>
 */
final class NeuronTuning {

    static final double UNTUNED_SHARE = 0.35;
    static final double MAX_MODULATION = 2.5;
    /** Probability that a tuned neuron reads each factor, in {@link LatentDynamics} order. */
    static final double[] P = {0.35, 0.25, 0.35, 0.5, 0.25, 0.35, 0.25, 0.4, 0.6, 0.6};
    /** Standard deviation of the weights of each factor. */
    static final double[] SD = {1.0, 0.5, 1.0, 1.5, 0.6, 0.8, 0.8, 0.2, 0.3, 0.3};
    private static final double LAG_MIN = -0.10;
    private static final double LAG_MAX = 0.15;

    private final int[] factors;
    private final double[] weights;
    private final int lagCells;
    private final boolean bell;
    private final double speedCentre;
    private final double speedWidth;
    private final double gainCoupling;

    private NeuronTuning(int[] factors, double[] weights, int lagCells, boolean bell, double speedCentre, double speedWidth,
                         double gainCoupling) {
        this.factors = factors;
        this.weights = weights;
        this.lagCells = lagCells;
        this.bell = bell;
        this.speedCentre = speedCentre;
        this.speedWidth = speedWidth;
        this.gainCoupling = gainCoupling;
    }

    static NeuronTuning draw(SplittableRandom rng) {
        double coupling = rng.nextDouble(0.5, 1.5);
        int lag = (int) Math.round(rng.nextDouble(LAG_MIN, LAG_MAX) / LatentDynamics.CELL);
        boolean bell = rng.nextDouble() >= 0.6;
        double centre = bell ? rng.nextDouble(0.3, 1.5) : rng.nextDouble(0, 0.5);
        double width = rng.nextDouble(0.2, 0.5);
        if (rng.nextDouble() < UNTUNED_SHARE) {
            return new NeuronTuning(new int[0], new double[0], lag, bell, centre, width, coupling);
        }
        int[] read = new int[LatentDynamics.FACTORS];
        double[] w = new double[LatentDynamics.FACTORS];
        int count = 0;
        for (int k = 0; k < LatentDynamics.FACTORS; k++) {
            if (rng.nextDouble() < P[k]) {
                read[count] = k;
                w[count++] = SD[k] * rng.nextGaussian();
            }
        }
        return new NeuronTuning(java.util.Arrays.copyOf(read, count), java.util.Arrays.copyOf(w, count), lag, bell, centre,
                width, coupling);
    }

    /**
     * A neuron of a planted region ({@link PlantedRegion}): it reads only that region's factor, with a weight
     * U(1, 2) (the same sign in the whole region, so that the region is one side of a linear boundary in any
     * embedding the neurons' tuning shapes); lag, speed tuning and gain coupling as {@link #draw}.
     */
    static NeuronTuning forRegion(PlantedRegion region, SplittableRandom rng) {
        double coupling = rng.nextDouble(0.5, 1.5);
        int lag = (int) Math.round(rng.nextDouble(LAG_MIN, LAG_MAX) / LatentDynamics.CELL);
        boolean bell = rng.nextDouble() >= 0.6;
        double centre = bell ? rng.nextDouble(0.3, 1.5) : rng.nextDouble(0, 0.5);
        double width = rng.nextDouble(0.2, 0.5);
        double weight = rng.nextDouble(1, 2);
        return switch (region) {
            case WHEEL -> new NeuronTuning(new int[]{LatentDynamics.MOVEMENT}, new double[]{weight}, lag, bell, centre, width, coupling);
            case CHOICE -> new NeuronTuning(new int[]{LatentDynamics.CHOICE}, new double[]{weight}, lag, bell, centre, width, coupling);
            case UNTUNED -> new NeuronTuning(new int[0], new double[0], lag, bell, centre, width, coupling);
        };
    }

    boolean tuned() {
        return factors.length > 0;
    }

    /** The weight of {@code factor} (0 when the neuron does not read it). */
    double weight(int factor) {
        for (int j = 0; j < factors.length; j++) {
            if (factors[j] == factor) {
                return weights[j];
            }
        }
        return 0;
    }

    double gainCoupling() {
        return gainCoupling;
    }

    /** The saturated drive in cell {@code cell}: the log-rate modulation without the trial's gain. */
    double saturatedDrive(Latents z, int cell) {
        int read = Math.max(0, Math.min(z.cells() - 1, cell - lagCells));
        double d = 0;
        for (int j = 0; j < factors.length; j++) {
            double x = z.value(read, factors[j]);
            d += weights[j] * (factors[j] == LatentDynamics.MOVEMENT ? speedTuning(x) : x);
        }
        return MAX_MODULATION * d / (MAX_MODULATION + Math.abs(d));
    }

    private double speedTuning(double speed) {
        if (!bell) {
            return Math.max(0, speed - speedCentre);
        }
        double u = (speed - speedCentre) / speedWidth;
        return 1 / (1 + u * u);
    }
}
