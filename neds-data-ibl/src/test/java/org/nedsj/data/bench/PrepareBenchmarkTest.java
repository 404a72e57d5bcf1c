package org.nedsj.data.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preparation benchmark (seconds: synthesis, a warm-up and three timed runs): {@code mvn -pl neds-data-ibl verify -Dgroups=slow}. */
@Tag("slow")
class PrepareBenchmarkTest {

    @Test
    void preparesTwentyMillionSpikesInSeconds() {
        PrepareBenchmark.Result r = PrepareBenchmark.run(3, System.out::println);
        assertTrue(r.spikes() > 1.5e7 && r.spikes() < 2.5e7, "about 2e7 spikes: " + r.spikes());
        assertTrue(r.trialsKept() > 500 && r.unitsKept() > 300, r.toString());
        assertTrue(r.medianSeconds() < 10, "a few seconds, not minutes: " + r);
    }
}
