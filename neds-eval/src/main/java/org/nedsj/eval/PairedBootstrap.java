package org.nedsj.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nedsj.eval.PairedDifferences.Interval;
import org.nedsj.eval.metrics.TrialStatistics;

/**
 * A paired bootstrap of the model against the linear baselines over the evaluated trials: each resample draws, in
 * every session, as many trials as it has, with replacement, and scores the model and the baselines on the same
 * draw; the difference of their figures, per session and of the means over sessions (each mean over the sessions
 * where the figure is defined, as {@link ScoreTable#mean()} takes it), gives a percentile interval per metric. Because
 * both are scored on the same trials, the trials that are easy or hard for both cancel, and the interval is that of
 * the difference, not of either figure.
 */
public final class PairedBootstrap {

    /**
     * One session's per-trial statistics of the model and of its baselines, on the same trials and tokens.
     *
     * @param model    scheme → modality → the model's statistics
     * @param baseline scheme → modality → the baselines' statistics; a modality without one is not compared
     */
    public record SessionPair(String sessionId, Map<String, Map<String, TrialStatistics>> model,
                              Map<String, Map<String, TrialStatistics>> baseline) {
    }

    /** The figures of one session under one weighting: scheme → key → model − baseline, and each side. */
    private record Figures(Map<String, Map<String, double[]>> byScheme) {
    }

    private final PairedBootstrapSettings settings;

    public PairedBootstrap(PairedBootstrapSettings settings) {
        this.settings = settings;
    }

    public PairedDifferences compare(List<SessionPair> sessions) {
        if (!settings.enabled() || sessions.isEmpty()) {
            return PairedDifferences.empty();
        }
        int[] trials = sessions.stream().mapToInt(PairedBootstrap::trialsOf).toArray();
        List<Figures> observed = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            int[] ones = new int[trials[s]];
            Arrays.fill(ones, 1);
            observed.add(figures(sessions.get(s), ones));
        }
        var sessionDraws = new LinkedHashMap<Cell, double[]>();
        var meanDraws = new LinkedHashMap<Cell, double[]>();
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int b = 0; b < settings.resamples(); b++) {
            List<Figures> drawn = new ArrayList<>();
            for (int s = 0; s < sessions.size(); s++) {
                Figures f = figures(sessions.get(s), resample(random, trials[s]));
                drawn.add(f);
                int draw = b;
                String id = sessions.get(s).sessionId();
                f.byScheme().forEach((scheme, keys) -> keys.forEach((key, v) ->
                        sessionDraws.computeIfAbsent(cell(id, scheme, key), k -> undrawn())[draw] = v[0] - v[1]));
            }
            int draw = b;
            meanDifferences(drawn).forEach((cell, d) ->
                    meanDraws.computeIfAbsent(cell, k -> undrawn())[draw] = d);
        }
        return assemble(sessions, observed, sessionDraws, meanDraws);
    }

    private PairedDifferences assemble(List<SessionPair> sessions, List<Figures> observed,
                                       Map<Cell, double[]> sessionDraws, Map<Cell, double[]> meanDraws) {
        var perSession = new LinkedHashMap<String, Map<String, Map<String, Interval>>>();
        for (int s = 0; s < sessions.size(); s++) {
            String id = sessions.get(s).sessionId();
            var bySchemes = new LinkedHashMap<String, Map<String, Interval>>();
            observed.get(s).byScheme().forEach((scheme, keys) -> keys.forEach((key, v) ->
                    bySchemes.computeIfAbsent(scheme, k -> new LinkedHashMap<>())
                            .put(key, interval(v[0] - v[1], sessionDraws.get(cell(id, scheme, key))))));
            perSession.put(id, bySchemes);
        }
        var mean = new LinkedHashMap<String, Map<String, Interval>>();
        meanDifferences(observed).forEach((cell, d) -> {
            mean.computeIfAbsent(cell.scheme(), k -> new LinkedHashMap<>()).put(cell.key(), interval(d, meanDraws.get(cell)));
        });
        return new PairedDifferences(settings.resamples(), settings.level(), mean, perSession);
    }

    /** For each scheme and key, the mean over sessions of the model minus that of the baselines. */
    private static Map<Cell, Double> meanDifferences(List<Figures> sessions) {
        var sums = new LinkedHashMap<Cell, double[]>();
        for (Figures f : sessions) {
            f.byScheme().forEach((scheme, keys) -> keys.forEach((key, v) -> {
                double[] acc = sums.computeIfAbsent(cell("", scheme, key), k -> new double[4]);
                for (int side = 0; side < 2; side++) {
                    if (Double.isFinite(v[side])) {
                        acc[2 * side] += v[side];
                        acc[2 * side + 1]++;
                    }
                }
            }));
        }
        var out = new LinkedHashMap<Cell, Double>();
        sums.forEach((cell, acc) -> out.put(cell, acc[1] > 0 && acc[3] > 0 ? acc[0] / acc[1] - acc[2] / acc[3] : Double.NaN));
        return out;
    }

    private static Figures figures(SessionPair session, int[] weights) {
        var byScheme = new LinkedHashMap<String, Map<String, double[]>>();
        session.model().forEach((scheme, modalities) -> modalities.forEach((modality, model) -> {
            TrialStatistics baseline = session.baseline().getOrDefault(scheme, Map.of()).get(modality);
            if (baseline == null) {
                return;
            }
            Map<String, Double> b = baseline.metrics(weights);
            model.metrics(weights).forEach((key, m) -> {
                if (b.containsKey(key)) {
                    byScheme.computeIfAbsent(scheme, k -> new LinkedHashMap<>()).put(key, new double[] {m, b.get(key)});
                }
            });
        }));
        return new Figures(byScheme);
    }

    /** One slot per resample, NaN until the resample defines the figure. */
    private double[] undrawn() {
        double[] out = new double[settings.resamples()];
        Arrays.fill(out, Double.NaN);
        return out;
    }

    /** How often each of {@code trials} trials is drawn when {@code trials} are drawn with replacement. */
    private static int[] resample(SplittableRandom random, int trials) {
        int[] weights = new int[trials];
        for (int i = 0; i < trials; i++) {
            weights[random.nextInt(trials)]++;
        }
        return weights;
    }

    private Interval interval(double difference, double[] draws) {
        double[] finite = draws == null ? new double[0] : Arrays.stream(draws).filter(Double::isFinite).sorted().toArray();
        // a figure undefined on most resamples (a trial mean over the few trials that move) gets no interval
        if (finite.length < settings.resamples() / 2 || finite.length == 0) {
            return new Interval(difference, Double.NaN, Double.NaN);
        }
        double tail = (1 - settings.level()) / 2;
        return new Interval(difference, quantile(finite, tail), quantile(finite, 1 - tail));
    }

    /** The q-quantile of sorted values, interpolated linearly between order statistics. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static int trialsOf(SessionPair session) {
        int trials = -1;
        for (var side : List.of(session.model(), session.baseline())) {
            for (var modalities : side.values()) {
                for (TrialStatistics s : modalities.values()) {
                    if (trials >= 0 && s.trials() != trials) {
                        throw new IllegalStateException("session " + session.sessionId() + ": the model and the baselines "
                                + "were scored on different trials (" + trials + " and " + s.trials() + ")");
                    }
                    trials = s.trials();
                }
            }
        }
        return Math.max(trials, 0);
    }

    /** One figure of one session, or of the mean over sessions (session {@code ""}). */
    private record Cell(String session, String scheme, String key) {
    }

    private static Cell cell(String session, String scheme, String key) {
        return new Cell(session, scheme, key);
    }
}
