package org.nedsj.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per phase of the model's steps, summed since the last {@link #reset()}; for benchmarks. */
public final class StepProfile {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last;

    public void start() {
        last = System.nanoTime();
    }

    /** Charges the time since the previous mark to {@code phase}. */
    public void mark(String phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - last, Long::sum);
        last = now;
    }

    public void reset() {
        nanos.clear();
    }

    /** Seconds per phase. */
    public Map<String, Double> seconds() {
        Map<String, Double> s = new LinkedHashMap<>();
        nanos.forEach((k, v) -> s.put(k, v / 1e9));
        return s;
    }
}
