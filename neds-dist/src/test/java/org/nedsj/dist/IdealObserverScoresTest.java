package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nedsj.data.synth.IdealObserver;

class IdealObserverScoresTest {

    /**
     * Session "a": three test trials, one misread in each task (choice: a left choice read as right; block: a 0.8
     * block read as 0.5, a class absent from the truth). Accuracy 2/3 in both; balanced accuracy over the classes
     * present, 3/4 in both (choice: left 1/2, right 1; block: 0.2 1, 0.8 1/2). Session "b": one trial, right on both.
     * The scores are the means over the two sessions, as a report's mean row.
     */
    @Test
    void eachSessionIsScoredAsTheEvaluationScoresAndTheSessionsAreAveraged() {
        var a = new IdealObserver.Readings("a", new int[] {1, 1, 0}, new int[] {0, 1, 0}, new int[] {2, 0, 2}, new int[] {1, 0, 2});
        var b = new IdealObserver.Readings("b", new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0});

        IdealObserverScores one = IdealObserverScores.of(List.of(a));
        assertEquals(2 / 3.0, one.choiceAccuracy(), 1e-12);
        assertEquals(0.75, one.choiceBalancedAccuracy(), 1e-12);
        assertEquals(2 / 3.0, one.blockAccuracy(), 1e-12);
        assertEquals(0.75, one.blockBalancedAccuracy(), 1e-12);

        IdealObserverScores both = IdealObserverScores.of(List.of(a, b));
        assertEquals(5 / 6.0, both.choiceAccuracy(), 1e-12);
        assertEquals(0.875, both.choiceBalancedAccuracy(), 1e-12);
        assertEquals(5 / 6.0, both.blockAccuracy(), 1e-12);
        assertEquals(0.875, both.blockBalancedAccuracy(), 1e-12);
    }
}
