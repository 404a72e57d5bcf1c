package org.nedsj.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.spi.ModalitySpec;

class ClassificationScoreTest {

    private static final ModalitySpec BLOCK = ModalitySpec.staticBehaviour("block", 3);

    /** Logits whose arg-max is {@code predicted[i]}. */
    private static float[] logits(int... predicted) {
        float[] out = new float[predicted.length * 3];
        for (int i = 0; i < predicted.length; i++) {
            out[i * 3 + predicted[i]] = 2f;
            out[i * 3 + (predicted[i] + 1) % 3] = 1f;
        }
        return out;
    }

    @Test
    void accuracyBalancedAccuracyAndConfusionMatchHandCounts() {
        // truth 0 0 1 1 1, predicted 0 1 1 1 2
        var p = new ModalityPredictions(BLOCK, 5, 1, 1, new float[] {0, 0, 1, 1, 1}, logits(0, 1, 1, 1, 2),
                new float[] {1, 1, 1, 1, 1});
        ClassificationScore s = ClassificationScore.of(p);
        assertEquals(3.0 / 5, s.accuracy(), 1e-12);
        // recall: class 0 1/2, class 1 2/3; class 2 never true, so not averaged
        assertEquals((0.5 + 2.0 / 3) / 2, s.balancedAccuracy(), 1e-12);
        assertArrayEquals(new long[] {1, 1, 0}, s.confusion().counts()[0]);
        assertArrayEquals(new long[] {0, 2, 1}, s.confusion().counts()[1]);
        assertArrayEquals(new long[] {0, 0, 0}, s.confusion().counts()[2]);
    }

    @Test
    void unscoredTrialsAreLeftOut() {
        var p = new ModalityPredictions(BLOCK, 3, 1, 1, new float[] {2, 0, 1}, logits(2, 1, 0), new float[] {1, 0, 0});
        ClassificationScore s = ClassificationScore.of(p);
        assertEquals(1.0, s.accuracy(), 0.0);
        assertEquals(1, s.confusion().total());
    }

    @Test
    void nothingScoredGivesNaN() {
        var p = new ModalityPredictions(BLOCK, 1, 1, 1, new float[] {2}, logits(2), new float[] {0});
        assertTrue(Double.isNaN(ClassificationScore.of(p).accuracy()));
    }

    @Test
    void tiesGoToTheFirstClass() {
        assertEquals(0, ClassificationScore.argMax(new float[] {1, 1, 0}, 0, 3));
        assertEquals(2, ClassificationScore.argMax(new float[] {9, 0, 1, 3}, 1, 3));
    }

    @Test
    void aTrueValueThatIsNoClassIsRejectedWithItsTrial() {
        var p = new ModalityPredictions(BLOCK, 2, 1, 1, new float[] {1, 3}, logits(1, 1), new float[] {1, 1});
        var e = assertThrows(IllegalArgumentException.class, () -> ClassificationScore.of(p));
        assertTrue(e.getMessage().contains("block") && e.getMessage().contains("trial row 1"), e.getMessage());
    }
}
