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
import org.nedsj.eval.ScoreTable;
import org.nedsj.eval.ScoreTable.SchemeScores;
import org.nedsj.spi.Split;
import org.nedsj.trainer.evaluate.EvaluationRun;

class DemoTableTest {

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
        DemoTable table = new DemoTable(7, List.of("s1", "s2"), "s3", pretrained, heldOut, heldOut);

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
