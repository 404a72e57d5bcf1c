package org.nedsj.eval.metrics;

import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;

/**
 * The null model of bits per spike: each neuron's mean count per bin over the training trials of its
 * session, the same in every bin. A neuron silent in every training trial gets half a spike spread
 * over those trials ({@code 0.5 / (trials · bins)}) so its log-likelihood stays finite.
 *
 * <p>Log rates are rounded to float, as model predictions are, so that a model predicting exactly
 * these rates scores exactly 0 bits per spike.
 */
public final class MeanRateModel {

    private final double[] rates;
    private final float[] logRates;

    private MeanRateModel(double[] rates) {
        this.rates = rates;
        this.logRates = new float[rates.length];
        for (int n = 0; n < rates.length; n++) {
            logRates[n] = (float) Math.log(rates[n]);
        }
    }

    /** Mean rates from counts {@code [rows, neurons]} (rows = training trials × bins). */
    public static MeanRateModel ofCounts(float[] counts, int neurons) {
        if (neurons < 1 || counts.length % neurons != 0 || counts.length == 0) {
            throw new IllegalArgumentException("mean rates need counts [rows, " + neurons + "] with at least one row, got "
                    + counts.length + " values");
        }
        int rows = counts.length / neurons;
        double[] sums = new double[neurons];
        for (int r = 0; r < rows; r++) {
            int base = r * neurons;
            for (int n = 0; n < neurons; n++) {
                sums[n] += counts[base + n];
            }
        }
        double floor = 0.5 / rows;
        double[] rates = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            double rate = sums[n] / rows;
            rates[n] = rate > 0 ? rate : floor;
        }
        return new MeanRateModel(rates);
    }

    /** Mean rates of a neural-counts modality over the given (training) trials of a session. */
    public static MeanRateModel fit(SessionData session, ModalitySpec modality, int[] trainingTrials) {
        if (trainingTrials.length == 0) {
            throw new IllegalArgumentException("session " + session.info().id()
                    + " has no training trials: bits per spike needs each neuron's training mean rate");
        }
        int neurons = session.info().width(modality);
        int bins = modality.tokensPerTrial();
        float[] counts = new float[trainingTrials.length * bins * neurons];
        for (int i = 0; i < trainingTrials.length; i++) {
            session.copyTrial(modality.name(), trainingTrials[i], counts, i * bins * neurons, neurons);
        }
        return ofCounts(counts, neurons);
    }

    public int neurons() {
        return rates.length;
    }

    /** Mean count per bin of neuron {@code n}. */
    public double rate(int n) {
        return rates[n];
    }

    /** log of {@link #rate(int)}, rounded to float. */
    public float logRate(int n) {
        return logRates[n];
    }

    /** A copy of every neuron's log rate. */
    public float[] logRates() {
        return logRates.clone();
    }
}
