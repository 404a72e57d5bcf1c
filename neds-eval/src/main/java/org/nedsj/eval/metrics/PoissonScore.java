package org.nedsj.eval.metrics;

import org.nedsj.eval.ModalityPredictions;

/**
 * Poisson scores of predicted log rates over the scored bins of a neural-counts modality.
 *
 * <p>With {@code c} the predicted log rate and {@code c0} the null model's ({@link MeanRateModel}),
 * log L = Σ y·c − e^c − log y! over scored (trial, bin, neuron) entries. Bits per spike =
 * (log L(model) − log L(null)) / (spikes · ln 2), where log y! cancels; per neuron the same sums
 * restricted to that neuron. The Poisson NLL is −log L(model) (log y! included) divided by the number
 * of scored entries (scored bins × neurons).
 *
 * @param bitsPerSpike       over all neurons; NaN when the scored bins hold no spike
 * @param poissonNll         nats per scored entry, log y! included; NaN when nothing was scored
 * @param neuronBitsPerSpike per neuron; NaN for a neuron without spikes in the scored bins
 * @param spikes             spikes in the scored bins
 * @param entries            scored bins × neurons
 */
public record PoissonScore(double bitsPerSpike, double poissonNll, double[] neuronBitsPerSpike, double spikes, long entries) {

    private static final double LN2 = Math.log(2);

    public static PoissonScore of(ModalityPredictions p, MeanRateModel nullModel) {
        return of(p, nullModel, (trial, neuron, count, ll, nullLl, logFactorial) -> { });
    }

    /** The same, handing every scored entry's terms to {@code also} on the way (one pass for two summaries). */
    static PoissonScore of(ModalityPredictions p, MeanRateModel nullModel, EntryTerms also) {
        int width = p.width();
        double[] llModel = new double[width];
        double[] llNull = new double[width];
        double[] spikes = new double[width];
        double[] logFactorialSum = new double[1];
        long[] entryCount = new long[1];
        forEachScoredEntry(p, nullModel, (trial, neuron, count, ll, nullLl, logFactorial) -> {
            llModel[neuron] += ll;
            llNull[neuron] += nullLl;
            spikes[neuron] += count;
            logFactorialSum[0] += logFactorial;
            entryCount[0]++;
            also.add(trial, neuron, count, ll, nullLl, logFactorial);
        });
        double logFactorials = logFactorialSum[0];
        long entries = entryCount[0];
        double gain = 0;
        double totalSpikes = 0;
        double totalLl = 0;
        double[] perNeuron = new double[width];
        for (int n = 0; n < width; n++) {
            double g = llModel[n] - llNull[n];
            gain += g;
            totalSpikes += spikes[n];
            totalLl += llModel[n];
            perNeuron[n] = spikes[n] > 0 ? g / (spikes[n] * LN2) : Double.NaN;
        }
        double bps = totalSpikes > 0 ? gain / (totalSpikes * LN2) : Double.NaN;
        double nll = entries > 0 ? -(totalLl - logFactorials) / entries : Double.NaN;
        return new PoissonScore(bps, nll, perNeuron, totalSpikes, entries);
    }

    /** The terms of one scored (trial, bin, neuron) entry. */
    @FunctionalInterface
    interface EntryTerms {
        void add(int trial, int neuron, double count, double logLikelihood, double nullLogLikelihood, double logFactorial);
    }

    /**
     * Visits every scored entry with its log-likelihood under the predicted and the null log rate (both without
     * log y!) and its log y!.
     */
    static void forEachScoredEntry(ModalityPredictions p, MeanRateModel nullModel, EntryTerms terms) {
        int width = p.width();
        if (nullModel == null || nullModel.neurons() != width) {
            throw new IllegalArgumentException("modality " + p.modality().name() + ": predictions have " + width
                    + " neurons but the mean-rate model has " + (nullModel == null ? "none" : nullModel.neurons()));
        }
        float[] y = p.truth();
        float[] c = p.predicted();
        for (int t = 0; t < p.trials(); t++) {
            for (int k = 0; k < p.tokens(); k++) {
                if (!p.isScored(t, k)) {
                    continue;
                }
                int base = (t * p.tokens() + k) * width;
                for (int n = 0; n < width; n++) {
                    double count = y[base + n];
                    terms.add(t, n, count, logLikelihoodWithoutFactorial(count, c[base + n]),
                            logLikelihoodWithoutFactorial(count, nullModel.logRate(n)), count > 0 ? LogFactorial.of(count) : 0);
                }
            }
        }
    }

    /** y·c − e^c, with 0·c taken as 0 so a log rate of −∞ is allowed where there is no spike. */
    static double logLikelihoodWithoutFactorial(double count, double logRate) {
        double rateTerm = Math.exp(logRate);
        return count == 0 ? -rateTerm : count * logRate - rateTerm;
    }
}
