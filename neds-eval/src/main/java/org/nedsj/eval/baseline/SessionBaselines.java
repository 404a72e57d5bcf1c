package org.nedsj.eval.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.nedsj.eval.BaselineSettings;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.TaskPredictions;
import org.nedsj.eval.metrics.MeanRateModel;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ModalitySpec.Kind;
import org.nedsj.spi.SessionData;

/**
 * The linear baselines of one session, fitted on its training trials (penalties picked on its
 * validation trials):
 * <ul>
 *   <li>decoding, continuous behaviour: {@link RidgeRegression} from lagged spike components;</li>
 *   <li>decoding, categorical behaviour: {@link MultinomialLogisticRegression} from the trial's mean
 *       spike components (the trial's spike counts, projected);</li>
 *   <li>encoding, neural counts: a {@link PoissonGlm} per neuron from the {@link BehaviourDesign};</li>
 *   <li>encoding, neural continuous values: ridge regression from the same design.</li>
 * </ul>
 */
public final class SessionBaselines {

    private final SessionData session;
    private final SpikeFeatures spikes;
    private final Map<String, RidgeRegression.Fit> continuousDecoders = new LinkedHashMap<>();
    private final Map<String, MultinomialLogisticRegression.Fit> categoricalDecoders = new LinkedHashMap<>();
    private final Map<String, CountEncoder> countEncoders = new LinkedHashMap<>();
    private final Map<String, ContinuousEncoder> continuousEncoders = new LinkedHashMap<>();
    private final Map<String, ModalitySpec> byName = new LinkedHashMap<>();

    private record CountEncoder(BehaviourDesign design, double[] beta, float[] nullLogRates) {
    }

    private record ContinuousEncoder(BehaviourDesign design, RidgeRegression.Fit fit) {
    }

    private SessionBaselines(SessionData session, SpikeFeatures spikes) {
        this.session = session;
        this.spikes = spikes;
    }

    /**
     * Fits every baseline the session's modalities allow.
     *
     * @param pool runs the GLM's neuron blocks in parallel; null for the calling thread
     */
    public static SessionBaselines fit(SessionData session, List<ModalitySpec> modalities, int[] trainTrials,
                                       int[] valTrials, BaselineSettings settings, ForkJoinPool pool) {
        if (trainTrials.length == 0) {
            throw new IllegalArgumentException("session " + session.info().id() + " has no training trials to fit the baselines on");
        }
        List<ModalitySpec> counts = modalities.stream().filter(m -> m.kind() == Kind.NEURAL_COUNTS).toList();
        List<ModalitySpec> behaviours = modalities.stream().filter(m -> !m.isNeural()).toList();
        List<float[]> trainCounts = new ArrayList<>();
        for (ModalitySpec m : counts) {
            trainCounts.add(read(session, m, trainTrials));
        }
        SpikeFeatures features = SpikeFeatures.fit(session, counts, trainCounts, settings.pcaComponents(),
                settings.pcaMaxBins(), settings.lagsBefore(), settings.lagsAfter());
        SessionBaselines b = new SessionBaselines(session, features);
        modalities.forEach(m -> b.byName.put(m.name(), m));
        if (!counts.isEmpty()) {
            b.fitDecoders(behaviours, trainTrials, valTrials, settings);
        }
        for (int i = 0; i < counts.size(); i++) {
            b.fitCountEncoder(counts.get(i), trainCounts.get(i), behaviours, trainTrials, settings, pool);
        }
        for (ModalitySpec m : modalities) {
            if (m.isNeural() && m.kind() == Kind.DYNAMIC_CONTINUOUS) {
                b.fitContinuousEncoder(m, behaviours, trainTrials, valTrials, settings);
            }
        }
        return b;
    }

    /** The logistic decoder of a categorical behaviour, its λ chosen as {@code eval.baselines.logistic.folds} says. */
    private MultinomialLogisticRegression.Fit logisticDecoder(ModalitySpec m, int[] trainTrials, double[][][] trainSeries,
                                                              int[] valTrials, double[][][] valSeries, BaselineSettings s) {
        boolean rankOne = s.logisticRankOne().contains(m.name());
        if (s.logisticFolds() > 0) {
            return MultinomialLogisticRegression.selectByCrossValidation(trialMeans(trainSeries), labels(m, trainTrials),
                    m.classes(), s.logisticPenalties(), s.logisticFolds(), s.logisticDefaultPenalty(),
                    s.logisticMaxIterations(), rankOne);
        }
        return MultinomialLogisticRegression.select(trialMeans(trainSeries), labels(m, trainTrials), m.classes(),
                s.logisticPenalties(), trialMeans(valSeries), labels(m, valTrials), s.logisticDefaultPenalty(),
                s.logisticMaxIterations(), rankOne);
    }

    private void fitDecoders(List<ModalitySpec> behaviours, int[] trainTrials, int[] valTrials, BaselineSettings s) {
        double[][][] trainSeries = seriesOf(trainTrials);
        double[][][] valSeries = seriesOf(valTrials);
        for (ModalitySpec m : behaviours) {
            if (m.kind() == Kind.DYNAMIC_CONTINUOUS) {
                int width = session.info().width(m);
                var train = RidgeRegression.Accumulator.of(laggedRows(m, width, trainTrials, trainSeries),
                        spikes.laggedWidth(), width);
                var val = valTrials.length == 0 ? null : laggedRows(m, width, valTrials, valSeries);
                continuousDecoders.put(m.name(), RidgeRegression.select(train, s.ridgePenalties(), val, s.ridgeDefaultPenalty()));
            } else if (m.kind() == Kind.STATIC_CATEGORICAL) {
                categoricalDecoders.put(m.name(), logisticDecoder(m, trainTrials, trainSeries, valTrials, valSeries, s));
            }
        }
    }

    private void fitCountEncoder(ModalitySpec m, float[] trainCounts, List<ModalitySpec> behaviours, int[] trainTrials,
                                 BaselineSettings s, ForkJoinPool pool) {
        int neurons = session.info().width(m);
        if (neurons == 0) {
            return;
        }
        MeanRateModel nullModel = MeanRateModel.ofCounts(trainCounts, neurons);
        BehaviourDesign design = BehaviourDesign.fit(session, behaviours, trainTrials, m.tokensPerTrial(), s.glmTimeBasis());
        int bins = m.tokensPerTrial();
        int d = design.columns() + 1;
        double[] x = designWithIntercept(design, trainTrials);
        double[] beta = PoissonGlm.fit(x, trainTrials.length * bins, d, trainCounts, neurons, s.glmPenalty(), s.glmMaxIterations(), pool);
        countEncoders.put(m.name(), new CountEncoder(design, beta, nullModel.logRates()));
    }

    private void fitContinuousEncoder(ModalitySpec m, List<ModalitySpec> behaviours, int[] trainTrials, int[] valTrials,
                                      BaselineSettings s) {
        BehaviourDesign design = BehaviourDesign.fit(session, behaviours, trainTrials, m.tokensPerTrial(), s.glmTimeBasis());
        int width = session.info().width(m);
        var train = RidgeRegression.Accumulator.of(designRows(m, design, width, trainTrials), design.columns(), width);
        var val = valTrials.length == 0 ? null : designRows(m, design, width, valTrials);
        continuousEncoders.put(m.name(), new ContinuousEncoder(design,
                RidgeRegression.select(train, s.ridgePenalties(), val, s.ridgeDefaultPenalty())));
    }

    /**
     * Predicts the neural modalities of {@code trials} from behaviour.
     *
     * @param scored per modality, the tokens to score [trials, tokens] (the model's mask of the same
     *               scheme); a modality not listed has every token scored
     */
    public TaskPredictions encode(int[] trials, String scheme, Map<String, float[]> scored) {
        var out = new LinkedHashMap<String, ModalityPredictions>();
        countEncoders.forEach((name, enc) -> out.put(name, predictCounts(byName.get(name), enc, trials, scored)));
        continuousEncoders.forEach((name, enc) -> out.put(name, predictContinuous(byName.get(name), enc, trials, scored)));
        return new TaskPredictions(session.info().id(), scheme, trials, out);
    }

    /** Predicts the behavioural modalities of {@code trials} from spikes; see {@link #encode} for {@code scored}. */
    public TaskPredictions decode(int[] trials, String scheme, Map<String, float[]> scored) {
        var out = new LinkedHashMap<String, ModalityPredictions>();
        double[][][] series = seriesOf(trials);
        continuousDecoders.forEach((name, fit) -> out.put(name, decodeContinuous(byName.get(name), fit, trials, series, scored)));
        categoricalDecoders.forEach((name, fit) -> out.put(name, decodeCategorical(byName.get(name), fit, trials, series, scored)));
        return new TaskPredictions(session.info().id(), scheme, trials, out);
    }

    private ModalityPredictions predictCounts(ModalitySpec m, CountEncoder enc, int[] trials, Map<String, float[]> scored) {
        int neurons = session.info().width(m);
        int bins = m.tokensPerTrial();
        int d = enc.design().columns() + 1;
        double[] x = designWithIntercept(enc.design(), trials);
        float[] predicted = new float[trials.length * bins * neurons];
        for (int r = 0; r < trials.length * bins; r++) {
            for (int n = 0; n < neurons; n++) {
                double eta = 0;
                for (int j = 0; j < d; j++) {
                    eta += x[r * d + j] * enc.beta()[n * d + j];
                }
                predicted[r * neurons + n] = Double.isNaN(eta) ? enc.nullLogRates()[n] : (float) eta;
            }
        }
        return new ModalityPredictions(m, trials.length, bins, neurons, read(session, m, trials), predicted,
                scoredOf(m, trials.length, scored));
    }

    private ModalityPredictions predictContinuous(ModalitySpec m, ContinuousEncoder enc, int[] trials, Map<String, float[]> scored) {
        int width = session.info().width(m);
        int bins = m.tokensPerTrial();
        int cols = enc.design().columns();
        float[] predicted = new float[trials.length * bins * width];
        double[] rows = new double[bins * cols];
        double[] x = new double[cols];
        double[] y = new double[width];
        for (int i = 0; i < trials.length; i++) {
            enc.design().rows(session, trials[i], rows, 0, cols, 0);
            for (int t = 0; t < bins; t++) {
                System.arraycopy(rows, t * cols, x, 0, cols);
                enc.fit().predict(x, y);
                for (int w = 0; w < width; w++) {
                    predicted[(i * bins + t) * width + w] = (float) y[w];
                }
            }
        }
        return new ModalityPredictions(m, trials.length, bins, width, read(session, m, trials), predicted,
                scoredOf(m, trials.length, scored));
    }

    private ModalityPredictions decodeContinuous(ModalitySpec m, RidgeRegression.Fit fit, int[] trials,
                                                 double[][][] series, Map<String, float[]> scored) {
        int width = session.info().width(m);
        int bins = m.tokensPerTrial();
        float[] predicted = new float[trials.length * bins * width];
        double[] x = new double[spikes.laggedWidth()];
        double[] y = new double[width];
        for (int i = 0; i < trials.length; i++) {
            for (int t = 0; t < bins; t++) {
                spikes.laggedRow(series[i], t, bins, x);
                fit.predict(x, y);
                for (int w = 0; w < width; w++) {
                    predicted[(i * bins + t) * width + w] = (float) y[w];
                }
            }
        }
        return new ModalityPredictions(m, trials.length, bins, width, read(session, m, trials), predicted,
                scoredOf(m, trials.length, scored));
    }

    private ModalityPredictions decodeCategorical(ModalitySpec m, MultinomialLogisticRegression.Fit fit, int[] trials,
                                                  double[][][] series, Map<String, float[]> scored) {
        float[] logits = new float[trials.length * m.classes()];
        for (int i = 0; i < trials.length; i++) {
            fit.logits(spikes.trialMean(series[i]), logits, i * m.classes());
        }
        return new ModalityPredictions(m, trials.length, 1, 1, read(session, m, trials), logits,
                scoredOf(m, trials.length, scored));
    }

    private static float[] scoredOf(ModalitySpec m, int trials, Map<String, float[]> scored) {
        float[] mask = scored.get(m.name());
        if (mask != null) {
            return mask.clone();
        }
        float[] all = new float[trials * m.tokensPerTrial()];
        java.util.Arrays.fill(all, 1f);
        return all;
    }

    private double[][][] seriesOf(int[] trials) {
        double[][][] out = new double[trials.length][][];
        for (int i = 0; i < trials.length; i++) {
            out[i] = spikes.series(session, trials[i]);
        }
        return out;
    }

    private double[][] trialMeans(double[][][] series) {
        double[][] out = new double[series.length][];
        for (int i = 0; i < series.length; i++) {
            out[i] = spikes.trialMean(series[i]);
        }
        return out;
    }

    private int[] labels(ModalitySpec m, int[] trials) {
        float[] values = read(session, m, trials);
        int[] out = new int[trials.length];
        for (int i = 0; i < trials.length; i++) {
            int k = (int) values[i];
            if (k != values[i] || k < 0 || k >= m.classes()) {
                throw new IllegalArgumentException("session " + session.info().id() + ", trial " + trials[i]
                        + ": modality " + m.name() + " holds " + values[i] + ", not a class index 0…" + (m.classes() - 1));
            }
            out[i] = k;
        }
        return out;
    }

    /** Lagged spike rows with the behaviour's values as targets; bins whose target is not finite are skipped. */
    private RidgeRegression.Rows laggedRows(ModalitySpec m, int width, int[] trials, double[][][] series) {
        return visitor -> {
            int bins = m.tokensPerTrial();
            float[] target = new float[bins * width];
            double[] x = new double[spikes.laggedWidth()];
            double[] y = new double[width];
            for (int i = 0; i < trials.length; i++) {
                session.copyTrial(m.name(), trials[i], target, 0, width);
                for (int t = 0; t < bins; t++) {
                    if (copyFinite(target, t * width, y)) {
                        spikes.laggedRow(series[i], t, bins, x);
                        visitor.row(x, y);
                    }
                }
            }
        };
    }

    private RidgeRegression.Rows designRows(ModalitySpec m, BehaviourDesign design, int width, int[] trials) {
        return visitor -> {
            int bins = m.tokensPerTrial();
            int cols = design.columns();
            float[] target = new float[bins * width];
            double[] rows = new double[bins * cols];
            double[] x = new double[cols];
            double[] y = new double[width];
            for (int trial : trials) {
                session.copyTrial(m.name(), trial, target, 0, width);
                design.rows(session, trial, rows, 0, cols, 0);
                for (int t = 0; t < bins; t++) {
                    if (copyFinite(target, t * width, y)) {
                        System.arraycopy(rows, t * cols, x, 0, cols);
                        visitor.row(x, y);
                    }
                }
            }
        };
    }

    private static boolean copyFinite(float[] source, int offset, double[] out) {
        for (int w = 0; w < out.length; w++) {
            out[w] = source[offset + w];
            if (!Double.isFinite(out[w])) {
                return false;
            }
        }
        return true;
    }

    private double[] designWithIntercept(BehaviourDesign design, int[] trials) {
        int bins = design.bins();
        int d = design.columns() + 1;
        double[] x = new double[trials.length * bins * d];
        for (int i = 0; i < trials.length; i++) {
            design.rows(session, trials[i], x, i * bins * d, d, 1);
            for (int t = 0; t < bins; t++) {
                x[(i * bins + t) * d] = 1;
            }
        }
        return x;
    }

    /** A modality's values of the given trials: [trials, tokens, width], or [trials] class indices. */
    static float[] read(SessionData session, ModalitySpec m, int[] trials) {
        int width = session.info().width(m);
        int perTrial = m.tokensPerTrial() * width;
        float[] out = new float[trials.length * perTrial];
        for (int i = 0; i < trials.length; i++) {
            session.copyTrial(m.name(), trials[i], out, i * perTrial, width);
        }
        return out;
    }
}
