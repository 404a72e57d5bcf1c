package org.nedsj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nedsj.eval.PairedDifferences.Interval;
import org.nedsj.eval.metrics.TrialStatistics;
import org.nedsj.spi.ModalitySpec;

class PairedBootstrapTest {

    private static final ModalitySpec CHOICE = ModalitySpec.staticBehaviour("choice", 2);
    private static final PairedBootstrapSettings SETTINGS = new PairedBootstrapSettings(4000, 0.95, 7);

    @Test
    void tenDiscordantTrialsOfFiftyGiveTheBinomialsInterval() {
        // the model right on all 50 trials, the baseline wrong on 10: each resample's difference is
        // (draws of those 10 trials) / 50 ~ Binomial(50, 0.2) / 50, whose 2.5 % and 97.5 % points are 5/50 and 16/50
        Interval i = new PairedBootstrap(SETTINGS).compare(List.of(session("s", 50, 0, 10)))
                .session("s", "decoding", "choice.accuracy").orElseThrow();
        assertEquals(0.2, i.difference(), 1e-12);
        assertEquals(0.10, i.lower(), 0.021);
        assertEquals(0.32, i.upper(), 0.021);
        assertTrue(i.betterBeyondNoise("choice.accuracy"));
    }

    @Test
    void oneDiscordantTrialIsWithinTheNoise() {
        // Binomial(50, 0.02) is 0 with probability 0.36: the interval starts at 0
        Interval i = new PairedBootstrap(SETTINGS).compare(List.of(session("s", 50, 1, 0)))
                .session("s", "decoding", "choice.accuracy").orElseThrow();
        assertEquals(-0.02, i.difference(), 1e-12);
        assertEquals(0.0, i.upper(), 1e-12);
        assertFalse(i.worseBeyondNoise("choice.accuracy"));
        assertFalse(i.betterBeyondNoise("choice.accuracy"));
    }

    @Test
    void identicalPredictionsDifferByNothingOnEveryResample() {
        PairedDifferences d = new PairedBootstrap(SETTINGS).compare(List.of(session("a", 30, 4, 4)));
        Interval i = d.mean("decoding", "choice.balanced_accuracy").orElseThrow();
        assertEquals(0, i.difference(), 1e-15);
        assertEquals(0, i.lower(), 1e-15);
        assertEquals(0, i.upper(), 1e-15);
    }

    @Test
    void theMeanRowIsTheDifferenceOfTheMeansOverSessions() {
        PairedDifferences d = new PairedBootstrap(SETTINGS).compare(List.of(session("a", 40, 0, 8), session("b", 60, 6, 0)));
        // a: +8/40 = +0.2, b: −6/60 = −0.1
        assertEquals(0.05, d.mean("decoding", "choice.accuracy").orElseThrow().difference(), 1e-12);
        Interval a = d.session("a", "decoding", "choice.accuracy").orElseThrow();
        Interval mean = d.mean("decoding", "choice.accuracy").orElseThrow();
        assertTrue(mean.lower() < 0.05 && mean.upper() > 0.05);
        assertTrue(mean.upper() - mean.lower() < a.upper() - a.lower(), "two sessions' mean is steadier than one");
        assertEquals(4000, d.resamples());
    }

    @Test
    void theSeedFixesTheIntervalsAndAnotherSeedMovesThemLittle() {
        List<PairedBootstrap.SessionPair> s = List.of(session("a", 40, 3, 9));
        Interval first = new PairedBootstrap(SETTINGS).compare(s).mean("decoding", "choice.accuracy").orElseThrow();
        Interval again = new PairedBootstrap(SETTINGS).compare(s).mean("decoding", "choice.accuracy").orElseThrow();
        Interval other = new PairedBootstrap(new PairedBootstrapSettings(4000, 0.95, 8)).compare(s)
                .mean("decoding", "choice.accuracy").orElseThrow();
        assertEquals(first, again);
        assertEquals(first.difference(), other.difference());
        // 4,000 resamples pin the 2.5 % and 97.5 % points to within a trial of 40
        assertEquals(first.lower(), other.lower(), 0.025);
        assertEquals(first.upper(), other.upper(), 0.025);
    }

    @Test
    void lowerIsBetterForALikelihoodLoss() {
        Interval worse = new Interval(0.01, 0.004, 0.02);
        assertTrue(worse.worseBeyondNoise("spikes.poisson_nll"));
        assertTrue(worse.betterBeyondNoise("spikes.bps"));
    }

    @Test
    void modelAndBaselineOnDifferentTrialsIsAnError() {
        var pair = new PairedBootstrap.SessionPair("s", Map.of("decoding", Map.of("choice", categories(30, 0))),
                Map.of("decoding", Map.of("choice", categories(31, 0))));
        assertThrows(IllegalStateException.class, () -> new PairedBootstrap(SETTINGS).compare(List.of(pair)));
    }

    @Test
    void noResamplesNoIntervals() {
        assertTrue(new PairedBootstrap(new PairedBootstrapSettings(0, 0.95, 1)).compare(List.of(session("s", 20, 0, 2))).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrapSettings(10, 1.0, 1));
    }

    /** A session whose model gets {@code modelWrong} of {@code trials} wrong and whose baseline {@code baselineWrong}. */
    private static PairedBootstrap.SessionPair session(String id, int trials, int modelWrong, int baselineWrong) {
        return new PairedBootstrap.SessionPair(id, Map.of("decoding", Map.of("choice", categories(trials, modelWrong))),
                Map.of("decoding", Map.of("choice", categories(trials, baselineWrong))));
    }

    /** Trials alternating class 0 and 1, the first {@code wrong} of them predicted as the other class. */
    private static TrialStatistics categories(int trials, int wrong) {
        float[] truth = new float[trials];
        float[] logits = new float[2 * trials];
        for (int t = 0; t < trials; t++) {
            truth[t] = t % 2;
            int predicted = t < wrong ? 1 - t % 2 : t % 2;
            logits[2 * t + predicted] = 1;
        }
        float[] scored = new float[trials];
        java.util.Arrays.fill(scored, 1);
        return TrialStatistics.of(new ModalityPredictions(CHOICE, trials, 1, 1, truth, logits, scored), null);
    }
}
