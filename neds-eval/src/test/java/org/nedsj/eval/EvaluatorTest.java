package org.nedsj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nedsj.spi.Split;

class EvaluatorTest {

    private static SyntheticSessions data;
    private static EvaluationReport truthReport;

    @BeforeAll
    static void evaluateOnce() {
        data = SyntheticSessions.create(2, 80, 40, 50, 7);
        truthReport = new Evaluator().evaluate(data, data.ids(),
                new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES), List.of("random-token"), Split.TEST);
    }

    @Test
    void perfectDecodingScoresOneAndMeanRatesScoreZeroBitsPerSpike() {
        for (String session : data.ids()) {
            Map<String, Double> decoding = truthReport.model().get(session, Evaluator.DECODING).orElseThrow().metrics();
            assertEquals(1.0, decoding.get("wheel.r2"), 1e-12);
            assertEquals(1.0, decoding.get("whisker.r2_trial_mean"), 1e-12);
            assertEquals(1.0, decoding.get("choice.accuracy"), 0.0);
            assertEquals(1.0, decoding.get("block.balanced_accuracy"), 0.0);
            Map<String, Double> encoding = truthReport.model().get(session, Evaluator.ENCODING).orElseThrow().metrics();
            assertEquals(0.0, encoding.get("spikes.bps"), 0.0);
            assertEquals(List.of("spikes.bps", "spikes.poisson_nll"), List.copyOf(encoding.keySet()));
        }
        assertEquals(0.0, truthReport.mean().get(Evaluator.ENCODING).get("spikes.bps"), 0.0);
    }

    @Test
    void trueGeneratingRatesBeatTheMeanRatesAndZeroBehaviourScoresNoBetterThanChance() {
        EvaluationReport r = new Evaluator(EvaluationSettings.defaults().withBaselines(false)).evaluate(data, data.ids(),
                new FakePredictor(data, FakePredictor.Mode.ZEROS_AND_TRUE_RATES), List.of(), Split.TEST);
        assertTrue(r.mean().get(Evaluator.ENCODING).get("spikes.bps") > 0.05, r.mean().toString());
        assertTrue(r.mean().get(Evaluator.DECODING).get("wheel.r2") < 0.05, r.mean().toString());
        assertTrue(r.baselines().isEmpty());
    }

    @Test
    void theMeanIsTheAverageOfTheSessions() {
        String key = "spikes.poisson_nll";
        double a = truthReport.model().get(data.ids().get(0), Evaluator.ENCODING).orElseThrow().metric(key);
        double b = truthReport.model().get(data.ids().get(1), Evaluator.ENCODING).orElseThrow().metric(key);
        assertEquals((a + b) / 2, truthReport.mean().get(Evaluator.ENCODING).get(key), 1e-12);
    }

    @Test
    void extraSchemesAreReportedUnderTheirOwnNameForEveryScoredModality() {
        assertEquals(List.of("encoding", "decoding", "random-token"), truthReport.schemes());
        Map<String, Double> extra = truthReport.mean().get("random-token");
        for (String key : List.of("spikes.bps", "wheel.r2", "whisker.r2", "choice.accuracy", "block.accuracy")) {
            assertTrue(extra.containsKey(key), key + " missing from " + extra.keySet());
        }
        assertEquals(1.0, extra.get("wheel.r2"), 1e-12);
    }

    @Test
    void baselinesAreComputedOnTheSameSplitAndLearnTheSyntheticStructure() {
        Map<String, Map<String, Double>> base = truthReport.baselines().mean();
        assertEquals(truthReport.model().sessionIds(), truthReport.baselines().sessionIds());
        assertTrue(base.get(Evaluator.ENCODING).get("spikes.bps") > 0.02, base.toString());
        assertTrue(base.get(Evaluator.DECODING).get("wheel.r2") > 0.5, base.toString());
        assertTrue(base.get(Evaluator.DECODING).get("choice.accuracy") > 0.7, base.toString());
        assertFalse(base.containsKey("random-token"));
        var confusion = truthReport.baselines().pooledConfusion(Evaluator.DECODING).get("block");
        long testTrials = data.ids().stream().mapToLong(id -> data.session(id).info().testTrials()).sum();
        assertEquals(testTrials, confusion.total());
    }

    @Test
    void theReducedRankDecoderIsFittedAcrossSessionsForContinuousBehaviours() {
        ReducedRankResult rrr = truthReport.reducedRank();
        assertEquals(data.ids(), rrr.scores().sessionIds());
        assertEquals(List.of("wheel", "whisker"), List.copyOf(rrr.choices().keySet()));
        assertEquals(List.of(Evaluator.DECODING), rrr.scores().schemes());
        Map<String, Double> mean = rrr.scores().mean().get(Evaluator.DECODING);
        assertFalse(mean.containsKey("choice.accuracy"), mean.toString());
        // the synthetic spikes carry the wheel: one decoder for both sessions recovers it
        assertTrue(mean.get("wheel.r2") > 0.3, mean.toString());
        for (ReducedRankChoice c : rrr.choices().values()) {
            assertEquals(2, c.sessions());
            assertTrue(c.rank() >= 1 && c.rank() <= 16 && Double.isFinite(c.validationError()), c.toString());
            assertTrue(EvaluationSettings.defaults().reducedRank().penalties().contains(c.penalty()), c.toString());
        }
    }

    @Test
    void examplesHoldTruthModelAndBaselineOfTheFirstSession() {
        assertEquals(6, truthReport.examples().size());  // 3 trials × wheel, whisker
        ExampleTrace e = truthReport.examples().get(0);
        assertEquals(data.ids().get(0), e.sessionId());
        assertEquals("wheel", e.modality());
        assertEquals(8, e.trial());  // the first test trial
        assertNotNull(e.baseline());
        assertEquals(50, e.baseline().length);
        float[] truth = new float[50];
        data.session(e.sessionId()).copyTrial("wheel", 8, truth, 0, 1);
        assertEquals(truth[20], e.truth()[20]);
        assertEquals(truth[20], e.model()[20]);
    }

    @Test
    void aPredictorThatAnswersOtherTrialsIsCaught() {
        ModelPredictor shifted = (session, trials, scheme) -> {
            int[] other = trials.clone();
            other[0] = other[0] + 1;
            return new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES).predict(session, other, scheme);
        };
        var e = assertThrows(IllegalStateException.class, () -> new Evaluator().evaluate(data, data.ids(), shifted,
                List.of(), Split.TEST));
        assertTrue(e.getMessage().contains("were asked for"), e.getMessage());
    }

    @Test
    void truthThatDiffersFromTheDataIsCaught() {
        ModelPredictor swapped = (session, trials, scheme) -> {
            TaskPredictions p = new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES).predict(session, trials, scheme);
            var modalities = new LinkedHashMap<>(p.modalities());
            ModalityPredictions wheel = modalities.get("wheel");
            float[] truth = wheel.truth().clone();
            truth[3] += 1;
            modalities.put("wheel", new ModalityPredictions(wheel.modality(), wheel.trials(), wheel.tokens(), wheel.width(),
                    truth, wheel.predicted(), wheel.scored()));
            return new TaskPredictions(session, scheme, trials, modalities);
        };
        var e = assertThrows(IllegalStateException.class, () -> new Evaluator().evaluate(data, data.ids(), swapped,
                List.of(), Split.TEST));
        assertTrue(e.getMessage().contains("wheel") && e.getMessage().contains("differs from the data source"), e.getMessage());
    }

    @Test
    void aSessionWithoutTrialsInTheSplitIsAnError() {
        SyntheticSessions tiny = SyntheticSessions.create(1, 7, 5, 10, 1);  // trials 0–6 are all training trials
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator().evaluate(tiny, tiny.ids(),
                new FakePredictor(tiny, FakePredictor.Mode.TRUTH_AND_MEAN_RATES), List.of(), Split.TEST));
        assertTrue(e.getMessage().contains("no test trials"), e.getMessage());
    }

    @Test
    void aBehaviourDecodedAtRankOneMustBeACategoricalOneOfTheData() {
        com.typesafe.config.Config reference = com.typesafe.config.ConfigFactory
                .defaultReference(Evaluator.class.getClassLoader()).getConfig("eval");
        var block = EvaluationSettings.fromConfig(com.typesafe.config.ConfigFactory
                .parseString("baselines.logistic.rank-one = [block]").withFallback(reference));
        assertTrue(block.baselines().describe().contains("of rank one for block"), block.baselines().describe());
        var report = new Evaluator(block).evaluate(data, data.ids(),
                new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES), List.of(), Split.TEST);
        assertEquals(data.ids(), report.sessionIds());
        var typo = EvaluationSettings.fromConfig(com.typesafe.config.ConfigFactory
                .parseString("baselines.logistic.rank-one = [blok]").withFallback(reference));
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(typo).evaluate(data, data.ids(),
                new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES), List.of(), Split.TEST));
        assertEquals("eval.baselines.logistic.rank-one names 'blok', which is not a categorical behaviour of the data "
                + "[choice, block]: remove it or name one of those", e.getMessage());
    }

    @Test
    void aSessionListedTwiceIsAnError() {
        String id = data.ids().get(0);
        var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator().evaluate(data, List.of(id, id),
                new FakePredictor(data, FakePredictor.Mode.TRUTH_AND_MEAN_RATES), List.of(), Split.TEST));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void predictionsOfTheWrongShapeAreRejectedWithTheModality() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ModalityPredictions(
                org.nedsj.spi.ModalitySpec.dynamicBehaviour("wheel", 4), 2, 4, 1, new float[8], new float[7], new float[8]));
        assertTrue(e.getMessage().contains("wheel") && e.getMessage().contains("predicted"), e.getMessage());
    }
}
