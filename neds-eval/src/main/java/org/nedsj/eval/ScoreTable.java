package org.nedsj.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores of one predictor (the model, or the linear baselines) per session and masking scheme, and
 * their mean over sessions. Immutable; built with {@link #builder()}.
 */
public final class ScoreTable {

    /**
     * What one session scored under one scheme.
     *
     * @param metrics            scalar metrics by key {@code <modality>.<metric>}
     * @param confusion          confusion matrices of categorical modalities, by modality
     * @param neuronBitsPerSpike bits per spike per neuron of neural-counts modalities, by modality
     */
    public record SchemeScores(Map<String, Double> metrics, Map<String, ConfusionCounts> confusion,
                               Map<String, double[]> neuronBitsPerSpike) {
        public SchemeScores {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            confusion = Collections.unmodifiableMap(new LinkedHashMap<>(confusion));
            var neurons = new LinkedHashMap<String, double[]>();
            neuronBitsPerSpike.forEach((k, v) -> neurons.put(k, v.clone()));
            neuronBitsPerSpike = Collections.unmodifiableMap(neurons);
        }

        public double metric(String key) {
            return metrics.getOrDefault(key, Double.NaN);
        }
    }

    private final Map<String, Map<String, SchemeScores>> scores;

    private ScoreTable(Map<String, Map<String, SchemeScores>> scores) {
        var copy = new LinkedHashMap<String, Map<String, SchemeScores>>();
        scores.forEach((s, m) -> copy.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.scores = Collections.unmodifiableMap(copy);
    }

    public static ScoreTable empty() {
        return new ScoreTable(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }

    public List<String> sessionIds() {
        return List.copyOf(scores.keySet());
    }

    /** Every scheme any session was scored under, in first-seen order. */
    public List<String> schemes() {
        var out = new LinkedHashSet<String>();
        scores.values().forEach(m -> out.addAll(m.keySet()));
        return List.copyOf(out);
    }

    public Optional<SchemeScores> get(String sessionId, String scheme) {
        return Optional.ofNullable(scores.getOrDefault(sessionId, Map.of()).get(scheme));
    }

    /** session → scheme → key → value. */
    public Map<String, Map<String, Map<String, Double>>> sessions() {
        var out = new LinkedHashMap<String, Map<String, Map<String, Double>>>();
        scores.forEach((session, bySchemes) -> {
            var s = new LinkedHashMap<String, Map<String, Double>>();
            bySchemes.forEach((scheme, sc) -> s.put(scheme, sc.metrics()));
            out.put(session, s);
        });
        return out;
    }

    /**
     * scheme → key → mean over the sessions where the metric is defined (finite); NaN where it is
     * defined in none.
     */
    public Map<String, Map<String, Double>> mean() {
        var out = new LinkedHashMap<String, Map<String, Double>>();
        for (String scheme : schemes()) {
            var keys = new LinkedHashSet<String>();
            scores.values().forEach(m -> {
                if (m.containsKey(scheme)) {
                    keys.addAll(m.get(scheme).metrics().keySet());
                }
            });
            var means = new LinkedHashMap<String, Double>();
            for (String key : keys) {
                means.put(key, meanOverSessions(scheme, key));
            }
            out.put(scheme, means);
        }
        return out;
    }

    private double meanOverSessions(String scheme, String key) {
        double sum = 0;
        int n = 0;
        for (var bySchemes : scores.values()) {
            SchemeScores s = bySchemes.get(scheme);
            double v = s == null ? Double.NaN : s.metric(key);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Confusion matrices of {@code scheme} summed over sessions, by modality. */
    public Map<String, ConfusionCounts> pooledConfusion(String scheme) {
        var out = new LinkedHashMap<String, ConfusionCounts>();
        for (var bySchemes : scores.values()) {
            SchemeScores s = bySchemes.get(scheme);
            if (s != null) {
                s.confusion().forEach((m, c) -> out.merge(m, c, ConfusionCounts::plus));
            }
        }
        return out;
    }

    /** Per-neuron bits per spike of {@code modality} under {@code scheme}, by session. */
    public Map<String, double[]> neuronBitsPerSpike(String scheme, String modality) {
        var out = new LinkedHashMap<String, double[]>();
        scores.forEach((session, bySchemes) -> {
            SchemeScores s = bySchemes.get(scheme);
            if (s != null && s.neuronBitsPerSpike().containsKey(modality)) {
                out.put(session, s.neuronBitsPerSpike().get(modality).clone());
            }
        });
        return out;
    }

    /** Collects scores; later puts for the same session and scheme replace earlier ones. */
    public static final class Builder {
        private final Map<String, Map<String, SchemeScores>> scores = new LinkedHashMap<>();

        public Builder put(String sessionId, String scheme, SchemeScores s) {
            scores.computeIfAbsent(sessionId, k -> new LinkedHashMap<>()).put(scheme, s);
            return this;
        }

        public ScoreTable build() {
            return new ScoreTable(scores);
        }
    }

    @Override
    public String toString() {
        return "ScoreTable" + sessions();
    }
}
