package org.nedsj.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The model's figures minus the linear baselines', with how far the test trials' sampling alone could move them:
 * per session and for the mean over sessions, each metric's difference and a percentile interval of the same
 * difference over resamples of the test trials ({@link PairedBootstrap}). The interval speaks of these trials only,
 * not of another training run or another session.
 *
 * @param resamples the resamples drawn; 0 when there are no intervals
 * @param level     the intervals' coverage
 * @param mean      scheme → key → the difference of the means over sessions
 * @param sessions  session → scheme → key → the session's difference
 */
public record PairedDifferences(int resamples, double level, Map<String, Map<String, Interval>> mean,
                                Map<String, Map<String, Map<String, Interval>>> sessions) {

    /**
     * @param difference model − baseline on the trials as they are; NaN when either is undefined
     * @param lower      the interval's lower end; NaN when too few resamples define the difference
     * @param upper      its upper end
     */
    public record Interval(double difference, double lower, double upper) {

        /** The whole interval lies on the baseline's better side: the model is worse beyond this sampling noise. */
        public boolean worseBeyondNoise(String key) {
            return MetricNames.lowerIsBetter(key) ? lower > 0 : upper < 0;
        }

        /** The whole interval lies on the model's better side. */
        public boolean betterBeyondNoise(String key) {
            return MetricNames.lowerIsBetter(key) ? upper < 0 : lower > 0;
        }
    }

    public PairedDifferences {
        mean = copy(mean);
        var s = new LinkedHashMap<String, Map<String, Map<String, Interval>>>();
        sessions.forEach((id, bySchemes) -> s.put(id, copy(bySchemes)));
        sessions = Collections.unmodifiableMap(s);
    }

    public static PairedDifferences empty() {
        return new PairedDifferences(0, 0.95, Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return mean.isEmpty() && sessions.isEmpty();
    }

    public Optional<Interval> mean(String scheme, String key) {
        return Optional.ofNullable(mean.getOrDefault(scheme, Map.of()).get(key));
    }

    public Optional<Interval> session(String sessionId, String scheme, String key) {
        return Optional.ofNullable(sessions.getOrDefault(sessionId, Map.of()).getOrDefault(scheme, Map.of()).get(key));
    }

    private static Map<String, Map<String, Interval>> copy(Map<String, Map<String, Interval>> bySchemes) {
        var out = new LinkedHashMap<String, Map<String, Interval>>();
        bySchemes.forEach((scheme, keys) -> out.put(scheme, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
        return Collections.unmodifiableMap(out);
    }
}
