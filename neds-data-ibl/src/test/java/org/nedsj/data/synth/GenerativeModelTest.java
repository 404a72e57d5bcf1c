package org.nedsj.data.synth;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.prep.align.SessionSummary;
import org.nedsj.data.prepared.DatasetPreparer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generative model's statistics, measured on one prepared 250-trial session of 400 neurons. */
class GenerativeModelTest {

    static final SessionSpec SESSION = new SessionSpec("statlab", "STAT01", "2024-02-01", 1, 250, 400, 1,
            SessionLayout.ATTRIBUTE_FILES, 1.0, 3, 42);

    @TempDir
    static Path root;
    static SessionSummary summary;
    static PreparedArrays data;

    @BeforeAll
    static void writeAndPrepare() {
        SyntheticSessionWriter.write(root.resolve("alf"), SESSION);
        summary = new DatasetPreparer(ConfigFactory.empty()).prepare(root.resolve("alf"), root.resolve("data"), s -> { })
                .sessions().get(0).summary();
        data = PreparedArrays.load(root.resolve("data").resolve(SESSION.id()));
    }

    @Test
    void aboutHalfTheUnitsPassTheFiveHertzFilterAtAMedianOfAboutTenHertz() {
        double kept = summary.unitsKept() / (double) SESSION.neurons();
        assertTrue(kept > 0.3 && kept < 0.65, "share of units kept " + kept);
        double[] rates = new double[data.units()];
        for (int t = 0; t < data.trials(); t++) {
            double[] m = data.meanCounts(t, 0, data.bins());
            for (int u = 0; u < rates.length; u++) {
                rates[u] += m[u] / PreparedStatistics.BIN / data.trials();
            }
        }
        double median = PreparedStatistics.median(rates);
        assertTrue(median > 6 && median < 20, "median rate of kept units " + median + " Hz");
        double nonZero = PreparedStatistics.nonZeroShare(data);
        assertTrue(nonZero > 0.1 && nonZero < 0.3, "share of non-zero bins " + nonZero);
    }

    @Test
    void wheelSpeedIsASharpBumpAndWhiskerMotionFollowsItLoosely() {
        double width = PreparedStatistics.medianBumpWidth(data.wheel());
        assertTrue(width >= 3 && width <= 12, "wheel speed bump " + width + " bins at half height");
        double r = PreparedStatistics.correlation(data.wheel(), data.whisker());
        assertTrue(r > 0.2 && r < 0.8, "wheel–whisker correlation " + r);
    }

    @Test
    void trialAveragedActivityExplainsLittleOfEachUnitsVarianceAsInRealRecordings() {
        double[] share = PreparedStatistics.psthVarianceShares(data);
        double noiseFloor = 1.0 / data.trials();
        double median = PreparedStatistics.median(share);
        assertTrue(median < 0.05, "median share of variance in the PSTH " + median);
        long modulated = Arrays.stream(share).filter(s -> s > 3 * noiseFloor).count();
        assertTrue(modulated > data.units() / 20, modulated + " of " + data.units() + " units with a PSTH above the noise floor");
    }

    @Test
    void choiceIsDecodableFromTrialMeanCountsButNotPerfectly() {
        double accuracy = PreparedStatistics.nearestCentroidAccuracy(data, data.choice(), 2);
        assertTrue(accuracy > 0.65 && accuracy < 0.97, "cross-validated choice accuracy " + accuracy);
    }

    @Test
    void sessionsOfOneDatasetShareTheirLatentSystemAndOnlyThat() {
        var plan = SyntheticIbl.plan(new SyntheticIbl.Options(2, 50, 9, 100, 120));
        assertEquals(plan.get(0).datasetSeed(), plan.get(1).datasetSeed());
        assertNotEquals(plan.get(0).seed(), plan.get(1).seed());
        assertEquals(LatentDynamics.draw(9), LatentDynamics.draw(plan.get(1).datasetSeed()));
        assertNotEquals(LatentDynamics.draw(9), LatentDynamics.draw(10));
    }

    @Test
    void theSharedSystemMapsOneSessionsEventsToTheSameTaskLatentsWhateverTheNoise() {
        SplittableRandom rng = new SplittableRandom(5);
        SyntheticTrials trials = SyntheticTrials.generate(40, rng.split());
        BehaviourTrace behaviour = BehaviourTrace.of(trials, rng.split());
        LatentDynamics system = LatentDynamics.draw(42);
        Latents a = system.run(trials, behaviour, new SplittableRandom(1));
        Latents b = system.run(trials, behaviour, new SplittableRandom(2));
        for (int k : new int[]{LatentDynamics.STIMULUS, LatentDynamics.SIDE, LatentDynamics.PREPARATION,
                LatentDynamics.MOVEMENT, LatentDynamics.REWARD, LatentDynamics.ERROR, LatentDynamics.PRIOR}) {
            assertArrayEquals(factor(a, k), factor(b, k), "factor " + k);
        }
        assertTrue(PreparedStatistics.correlation(new double[][]{factor(a, LatentDynamics.NOISE_A)},
                new double[][]{factor(b, LatentDynamics.NOISE_A)}) < 0.5, "the slow noise is each session's own");
    }

    @Test
    void aThirdOfTheNeuronsAreUntuned() {
        PoissonPopulation population = PoissonPopulation.draw(2000, 1, 1.0, new SplittableRandom(8));
        long untuned = java.util.stream.IntStream.range(0, 2000).filter(i -> !population.tuning(i).tuned()).count();
        assertTrue(untuned > 600 && untuned < 800, untuned + " of 2000 untuned");
        long choice = java.util.stream.IntStream.range(0, 2000)
                .filter(i -> population.tuning(i).weight(LatentDynamics.CHOICE) != 0).count();
        assertTrue(choice > 250 && choice < 400, choice + " of 2000 carry the choice ramp");
    }

    private static double[] factor(Latents z, int k) {
        double[] v = new double[z.cells()];
        for (int c = 0; c < v.length; c++) {
            v[c] = z.value(c, k);
        }
        return v;
    }
}
