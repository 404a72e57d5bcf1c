package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nedsj.eval.ConfusionCounts;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.PairedDifferences;
import org.nedsj.eval.PairedDifferences.Interval;
import org.nedsj.eval.ReducedRankResult;
import org.nedsj.eval.ScoredTrials;
import org.nedsj.eval.ScoreTable;
import org.nedsj.eval.ScoreTable.SchemeScores;
import org.nedsj.eval.metrics.TrialStatistics;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.Split;
import org.nedsj.trainer.evaluate.EvaluationRun;

class DemoTableTest {

    private static final DemoTable.IdealObservers IDEAL = new DemoTable.IdealObservers(
            new IdealObserverScores(0.9, 0.89, 0.72, 0.7), new IdealObserverScores(0.85, 0.84, 0.6, 0.55));

    @Test
    void aFigureIsMarkedOnlyWhenTheBaselineIsStrictlyBetter() {
        // 54 of 57 test trials right for both: at the baseline, which the demo's question accepts
        assertFalse(DemoTable.below("choice.accuracy", 54 / 57.0, 54 / 57.0));
        assertFalse(DemoTable.below("choice.accuracy", 0.95, 0.94));
        assertTrue(DemoTable.below("choice.accuracy", 0.93, 0.94));
    }

    @Test
    void lowerIsBetterForNegativeLogLikelihoods() {
        assertFalse(DemoTable.below("spikes.poisson_nll", 0.60, 0.61));
        assertTrue(DemoTable.below("spikes.poisson_nll", 0.62, 0.61));
    }

    @Test
    void aMissingModelFigureIsMarkedAndAMissingBaselineIsNot() {
        assertTrue(DemoTable.below("wheel.r2", Double.NaN, 0.5));
        assertFalse(DemoTable.below("wheel.r2", 0.5, Double.NaN));
    }

    /**
     * Two pretraining sessions whose mean is above the baselines on both metrics while the second session is below
     * in choice (0.80 against 0.85): the mean row has no mark, the one-by-one count says 1 of 2, the held-out line
     * gives its test trials (the 9 trials of its choice confusion matrix), and the JSON carries each session.
     */
    @Test
    void theSessionsOneByOneAreCountedBesideTheMeanAndTheHeldOutLineGivesItsTestTrials() throws Exception {
        ScoreTable.Builder model = ScoreTable.builder();
        ScoreTable.Builder base = ScoreTable.builder();
        put(model, "s1", 0.70, 0.95, null);
        put(base, "s1", 0.50, 0.80, null);
        put(model, "s2", 0.70, 0.80, null);
        put(base, "s2", 0.50, 0.85, null);
        ScoreTable.Builder heldOutModel = ScoreTable.builder();
        ScoreTable.Builder heldOutBase = ScoreTable.builder();
        put(heldOutModel, "s3", 0.60, 0.70, new ConfusionCounts(new long[][]{{4, 1}, {2, 2}}));
        put(heldOutBase, "s3", 0.50, 0.80, null);
        var pretrained = result(model, base, List.of("s1", "s2"));
        var heldOut = result(heldOutModel, heldOutBase, List.of("s3"));
        DemoTable table = new DemoTable(7, List.of("s1", "s2"), "s3", pretrained, heldOut, heldOut, IDEAL);

        String text = table.render();
        assertTrue(text.contains("below the linear baseline on 0 of 3 metrics (one by one, 1 of 2 sessions at or above it on all)"),
                text);
        assertTrue(text.contains("held-out session (9 test trials): pretrained+fine-tuned is below the linear baseline on 1 of 3"),
                text);
        assertEquals(1, table.sessionsAtOrAbove());
        JsonNode json = new ObjectMapper().readTree(table.json());
        assertEquals(0.80, json.at("/pretraining_sessions/s2/model/decoding/choice.accuracy").asDouble(), 1e-12);
        assertEquals(0.85, json.at("/pretraining_sessions/s2/linear/decoding/choice.accuracy").asDouble(), 1e-12);
    }

    /**
     * With the reports' paired intervals: each row gives model − linear and its interval for the mean and the held-out
     * session, ▼ marks an interval wholly on the baseline's side (the held-out choice); the last column pairs the
     * fine-tuned model with the one trained alone on the held-out session's trials (right on all 20 against 10: ▲).
     */
    @Test
    void theIntervalsOfThePairedBootstrapFollowTheTable() throws Exception {
        ScoreTable.Builder model = ScoreTable.builder();
        ScoreTable.Builder base = ScoreTable.builder();
        put(model, "s1", 0.70, 0.95, null);
        put(base, "s1", 0.50, 0.80, null);
        ScoreTable.Builder heldModel = ScoreTable.builder();
        ScoreTable.Builder heldBase = ScoreTable.builder();
        put(heldModel, "s3", 0.60, 0.70, null);
        put(heldBase, "s3", 0.50, 0.80, null);
        var mean = Map.of("encoding", Map.of("spikes.bps", new Interval(0, -0.001, 0.001)), "decoding",
                Map.of("wheel.r2", new Interval(0.2, 0.1, 0.3), "choice.accuracy", new Interval(0.15, 0.05, 0.25)));
        var held = Map.of("s3", Map.of("encoding", Map.of("spikes.bps", new Interval(0, -0.002, 0.002)), "decoding",
                Map.of("wheel.r2", new Interval(0.1, -0.05, 0.2), "choice.accuracy", new Interval(-0.1, -0.2, -0.01))));
        var pretrained = new EvaluationRun.Result(new EvaluationReport("run", Split.TEST, List.of("encoding", "decoding"),
                List.of("s1"), model.build(), base.build(), List.of(), ReducedRankResult.empty(),
                new PairedDifferences(2000, 0.95, mean, Map.of())), List.of());
        var finetuned = heldOutResult(heldModel, heldBase, held, choices(20, 0));
        var alone = heldOutResult(heldModel, heldBase, held, choices(20, 10));
        DemoTable table = new DemoTable(7, List.of("s1"), "s3", pretrained, finetuned, alone, IDEAL);

        String text = table.render();
        assertTrue(text.contains("95% intervals of 2000 paired resamples of the test trials"), text);
        assertTrue(text.matches("(?s).*decoding choice\\.accuracy\\s+\\| \\+0\\.1500 \\[\\+0\\.0500, \\+0\\.2500\\] ▲\\s+"
                + "\\| -0\\.1000 \\[-0\\.2000, -0\\.0100\\] ▼\\s+\\| \\+0\\.5000 \\[\\+0\\.\\d{4}, \\+0\\.\\d{4}\\] ▲\\n.*"), text);
        assertTrue(text.contains("below the linear baseline beyond the interval: pretraining sessions 0 of 3, held-out session 1 of 3; "
                + "pretrained+ft against alone beyond it: better on 1, worse on 0 of 3"), text);
        JsonNode json = new ObjectMapper().readTree(table.json());
        assertEquals(-0.01, json.at("/paired_differences/held_out_session/decoding/choice.accuracy/upper").asDouble(), 1e-12);
        assertEquals(0.1, json.at("/paired_differences/pretraining/decoding/wheel.r2/lower").asDouble(), 1e-12);
        assertEquals(0.5, json.at("/paired_differences/pretrained_finetuned_minus_alone/decoding/choice.accuracy/difference")
                .asDouble(), 1e-12);
    }

    private static EvaluationRun.Result heldOutResult(ScoreTable.Builder model, ScoreTable.Builder base,
                                                      Map<String, Map<String, Map<String, Interval>>> paired,
                                                      TrialStatistics choice) {
        return new EvaluationRun.Result(new EvaluationReport("run", Split.TEST, List.of("encoding", "decoding"),
                List.of("s3"), model.build(), base.build(), List.of(), ReducedRankResult.empty(),
                new PairedDifferences(2000, 0.95, Map.of(), paired),
                new ScoredTrials(Map.of("s3", Map.of("decoding", Map.of("choice", choice))),
                        EvaluationSettings.defaults().pairedBootstrap())), List.of());
    }

    /** {@code trials} trials alternating class 0 and 1, the first {@code wrong} predicted as the other class. */
    private static TrialStatistics choices(int trials, int wrong) {
        float[] truth = new float[trials];
        float[] logits = new float[2 * trials];
        float[] scored = new float[trials];
        for (int t = 0; t < trials; t++) {
            truth[t] = t % 2;
            logits[2 * t + (t < wrong ? 1 - t % 2 : t % 2)] = 1;
            scored[t] = 1;
        }
        return TrialStatistics.of(new ModalityPredictions(ModalitySpec.staticBehaviour("choice", 2), trials, 1, 1, truth,
                logits, scored), null);
    }

    /** The ideal observers' figures follow the table in its layout, and the JSON carries them. */
    @Test
    void theIdealObserversFollowTheTableWhenGiven() throws Exception {
        ScoreTable.Builder model = ScoreTable.builder();
        put(model, "s1", 0.70, 0.95, null);
        var r = result(model, model, List.of("s1"));
        DemoTable table = new DemoTable(7, List.of("s1"), "s2", r, r, r, IDEAL);

        String text = table.render();
        assertTrue(text.contains("ideal observers on the same test trials: choice from the sign of the generator's choice ramp"), text);
        assertTrue(text.matches("(?s).*\\ndecoding choice\\.accuracy\\s+\\| 0\\.9000\\s+\\| 0\\.8500\\n.*"), text);
        assertTrue(text.matches("(?s).*\\ndecoding block\\.balanced_accuracy\\s+\\| 0\\.7000\\s+\\| 0\\.5500\\n.*"), text);
        JsonNode json = new ObjectMapper().readTree(table.json());
        assertEquals(0.72, json.at("/ideal_observers/pretraining/decoding/block.accuracy").asDouble(), 1e-12);
        assertEquals(0.84, json.at("/ideal_observers/held_out_session/decoding/choice.balanced_accuracy").asDouble(), 1e-12);

    }

    @Test
    void withoutIntervalsThereIsNoIntervalBlock() {
        ScoreTable.Builder model = ScoreTable.builder();
        put(model, "s1", 0.70, 0.95, null);
        var r = result(model, model, List.of("s1"));
        assertEquals("", new DemoTable(7, List.of("s1"), "s1", r, r, r, IDEAL).intervals().render());
    }

    private static void put(ScoreTable.Builder table, String session, double r2, double choice, ConfusionCounts confusion) {
        Map<String, Double> decoding = new LinkedHashMap<>();
        decoding.put("wheel.r2", r2);
        decoding.put("choice.accuracy", choice);
        table.put(session, "encoding", new SchemeScores(Map.of("spikes.bps", 0.01), Map.of(), Map.of()));
        table.put(session, "decoding", new SchemeScores(decoding,
                confusion == null ? Map.of() : Map.of("choice", confusion), Map.of()));
    }

    private static EvaluationRun.Result result(ScoreTable.Builder model, ScoreTable.Builder base, List<String> sessions) {
        return new EvaluationRun.Result(new EvaluationReport("run", Split.TEST, List.of("encoding", "decoding"), sessions,
                model.build(), base.build(), List.of()), List.of());
    }
}
