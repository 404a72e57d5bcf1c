package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeightAverageTest {

    @Test
    void theFirstStepsWeighTheOldAverageLessThenTheDecayHolds() {
        INDArray store = Nd4j.createFromArray(0f, 0f);
        WeightAverage average = new WeightAverage(store, 0.5, 0);

        store.assign(Nd4j.createFromArray(1f, 2f));
        average.update(store);          // step 1: the old average counts min(0.5, 2/11) = 2/11
        store.assign(Nd4j.createFromArray(3f, 4f));
        average.update(store);          // step 2: min(0.5, 3/12) = 1/4

        double a1 = 9.0 / 11, b1 = 18.0 / 11;
        assertShown(average, store, 0.25 * a1 + 0.75 * 3, 0.25 * b1 + 0.75 * 4);
        assertArrayEquals(new float[]{3f, 4f}, average.steppedWeights().toFloatVector(), 0f);
    }

    @Test
    void aResumedAverageUsesItsDecayAtOnceAndDoublesAgree() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray store = Nd4j.createFromArray(2.0, -1.0).castTo(type);
            WeightAverage average = new WeightAverage(store, 0.2, 100);   // min(0.2, 101/110) = 0.2
            store.assign(Nd4j.createFromArray(7.0, 4.0));
            average.update(store);
            assertShown(average, store, 0.2 * 2 + 0.8 * 7, 0.2 * -1 + 0.8 * 4);
        }
    }

    @Test
    void hidingPutsTheSteppedWeightsBackAndUpdatesNeedThem() {
        INDArray store = Nd4j.createFromArray(1f, 1f);
        WeightAverage average = new WeightAverage(store, 0.9, 0);
        store.assign(5f);
        average.show(store);
        average.show(store);            // showing twice changes nothing
        assertArrayEquals(new float[]{1f, 1f}, store.toFloatVector(), 0f);
        assertThrows(IllegalStateException.class, () -> average.update(store));
        average.hide(store);
        assertArrayEquals(new float[]{5f, 5f}, store.toFloatVector(), 0f);
        assertThrows(IllegalStateException.class, average::steppedWeights);
    }

    @Test
    void theDecaySpansTheAskedSteps() {
        assertEquals(0.75, WeightAverage.decayOver(4), 1e-12);
        assertEquals(0.0, WeightAverage.decayOver(1), 0.0);
        assertEquals(0.0, WeightAverage.decayOver(0.5), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(Nd4j.zeros(2), 1.0, 0));
    }

    private static void assertShown(WeightAverage average, INDArray store, double first, double second) {
        average.show(store);
        assertEquals(first, store.getDouble(0), 1e-5);
        assertEquals(second, store.getDouble(1), 1e-5);
    }
}
