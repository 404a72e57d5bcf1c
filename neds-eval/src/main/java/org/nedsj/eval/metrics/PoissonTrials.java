package org.nedsj.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nedsj.eval.MetricNames;
import org.nedsj.eval.ModalityPredictions;

/**
 * {@link PoissonScore}'s sums per trial: the model's and the null model's log-likelihoods (without log y!), the
 * spikes, the log y! terms and the scored entries of each trial, over all neurons.
 */
public record PoissonTrials(String modality, double[] logLikelihood, double[] nullLogLikelihood, double[] spikes,
                            double[] logFactorials, long[] entries) implements TrialStatistics {

    private static final double LN2 = Math.log(2);

    /** Zero sums for the trials of {@code p}, filled by {@link #add} entry by entry. */
    static PoissonTrials empty(ModalityPredictions p) {
        int trials = p.trials();
        return new PoissonTrials(p.modality().name(), new double[trials], new double[trials], new double[trials],
                new double[trials], new long[trials]);
    }

    /** Adds one scored entry's terms ({@link PoissonScore.EntryTerms}) to its trial's sums. */
    void add(int trial, int neuron, double count, double ll, double nullLl, double logFactorial) {
        logLikelihood[trial] += ll;
        nullLogLikelihood[trial] += nullLl;
        spikes[trial] += count;
        logFactorials[trial] += logFactorial;
        entries[trial]++;
    }

    @Override
    public int trials() {
        return spikes.length;
    }

    @Override
    public Map<String, Double> metrics(int[] weights) {
        TrialStatistics.requireLength(weights, trials());
        double gain = 0;
        double ll = 0;
        double factorials = 0;
        double totalSpikes = 0;
        long totalEntries = 0;
        for (int t = 0; t < weights.length; t++) {
            int w = weights[t];
            if (w == 0) {
                continue;
            }
            gain += w * (logLikelihood[t] - nullLogLikelihood[t]);
            ll += w * logLikelihood[t];
            factorials += w * logFactorials[t];
            totalSpikes += w * spikes[t];
            totalEntries += w * entries[t];
        }
        var out = new LinkedHashMap<String, Double>();
        out.put(MetricNames.key(modality, MetricNames.BITS_PER_SPIKE), totalSpikes > 0 ? gain / (totalSpikes * LN2) : Double.NaN);
        out.put(MetricNames.key(modality, MetricNames.POISSON_NLL), totalEntries > 0 ? -(ll - factorials) / totalEntries : Double.NaN);
        return out;
    }
}
