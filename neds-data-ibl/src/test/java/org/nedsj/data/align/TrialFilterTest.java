package org.nedsj.data.align;

import org.nedsj.prep.align.TrialSelection;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.alf.TrialsTable;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TrialFilterTest {

    private static final double NAN = Double.NaN;

    private static TrialsTable table(double[] stimOn, double[] goCue, double[] movement, double[] feedback, double[] choice,
                                     double[] feedbackType, double[] probabilityLeft) {
        return new TrialsTable("alf", Map.of("stimOn_times", stimOn, "goCue_times", goCue, "firstMovement_times", movement,
                "feedback_times", feedback, "choice", choice, "feedbackType", feedbackType, "probabilityLeft", probabilityLeft), Map.of());
    }

    @Test
    void reactionTimeLimitsAreInclusive() {
        // reaction times 0, 10, -0.001, 10.001
        TrialsTable t = table(new double[]{1, 2, 3, 4}, new double[]{1, 2, 3, 4}, new double[]{1, 12, 2.999, 14.001},
                new double[]{1.5, 12.5, 3.5, 14.5}, new double[]{1, 1, 1, 1}, new double[]{1, 1, 1, 1}, new double[]{0.5, 0.5, 0.5, 0.5});
        TrialSelection s = TrialFilter.select(t, PreprocessingConfig.from(ConfigFactory.parseString("ibl.trials.max-feedback-delay = 20")));
        assertArrayEquals(new int[]{0, 1}, s.rows());
        assertEquals(2, s.dropped().get("reaction-time"));
    }

    @Test
    void feedbackDelayLimitIsInclusiveAndNanDoesNotDrop() {
        TrialsTable t = table(new double[]{1, 2, 3}, new double[]{1, 2, NAN}, new double[]{1.5, 2.5, 3.5},
                new double[]{11, 12.0001, 30}, new double[]{-1, -1, -1}, new double[]{1, 1, 1}, new double[]{0.2, 0.2, 0.2});
        TrialSelection s = TrialFilter.select(t, PreprocessingConfig.defaults());
        assertArrayEquals(new int[]{0, 2}, s.rows(), "a delay of exactly 10 s is kept; a NaN go cue does not drop");
        assertEquals(1, s.dropped().get("feedback-delay"));
    }

    @Test
    void requiredAttributesAreConfigurable() {
        TrialsTable t = table(new double[]{1, 2}, new double[]{1, 2}, new double[]{1.5, 2.5}, new double[]{2, 3},
                new double[]{1, 1}, new double[]{NAN, 1}, new double[]{0.8, 0.8});
        assertArrayEquals(new int[]{1}, TrialFilter.select(t, PreprocessingConfig.defaults()).rows());
        PreprocessingConfig lax = PreprocessingConfig.from(ConfigFactory.parseString(
                "ibl.trials.required = [stimOn_times, choice, feedback_times, probabilityLeft, firstMovement_times]"));
        assertArrayEquals(new int[]{0, 1}, TrialFilter.select(t, lax).rows(), "feedbackType no longer required");
    }

    @Test
    void noGoIsCountedBeforeTheMissingMovementItImplies() {
        TrialsTable t = table(new double[]{1}, new double[]{1}, new double[]{NAN}, new double[]{61}, new double[]{0},
                new double[]{-1}, new double[]{0.5});
        TrialSelection s = TrialFilter.select(t, PreprocessingConfig.defaults());
        assertEquals(0, s.rows().length);
        assertEquals(1, s.dropped().get("no-go"));
        assertEquals(0, s.dropped().get("missing-event"));
    }

    @Test
    void classesOfChoiceAndBlock() {
        List<Double> levels = List.of(0.2, 0.5, 0.8);
        assertEquals(0, TrialFilter.choiceClass(-1));
        assertEquals(1, TrialFilter.choiceClass(1));
        assertEquals(0, TrialFilter.blockClass(0.2, levels));
        assertEquals(1, TrialFilter.blockClass(0.5, levels));
        assertEquals(2, TrialFilter.blockClass(0.8000000001, levels));
        assertEquals(-1, TrialFilter.blockClass(0.3, levels));
    }
}
