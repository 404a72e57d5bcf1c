package org.nedsj.model.modality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Times the spike readout's refit at a lab's sizes (opt-in: {@code -Dtest.excludedGroups=none -Dgroups=slow
 * -Dtest=SessionRateFitTiming}, sizes by {@code -Drows=R -Dhidden=H -Dneurons=N}): the pairwise products of
 * all rows at once where they fit in 2 GB, and summed over blocks of rows within {@link SessionRateFit#PAIR_BUDGET},
 * side by side on the same Poisson counts; the two paths must agree.
 */
@Tag("slow")
class SessionRateFitTiming {

    @Test
    void theBlockedHessianTakesAboutAsLongAsTheWholeOne() {
        int rows = Integer.getInteger("rows", 20_000);
        int hidden = Integer.getInteger("hidden", 128);
        int neurons = Integer.getInteger("neurons", 150);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, rows, hidden).muli(0.3);
        INDArray rates = Transforms.exp(x.mmul(Nd4j.randn(DataType.FLOAT, hidden, neurons).muli(0.1)).subi(1.5), false);
        float[] mean = rates.data().asFloat();
        float[] counts = new float[mean.length];
        Random random = new Random(2);
        for (int i = 0; i < counts.length; i++) {
            double limit = Math.exp(-mean[i]);
            double p = random.nextDouble();
            while (p > limit) {
                p *= random.nextDouble();
                counts[i]++;
            }
        }
        INDArray y = Nd4j.createFromArray(counts).reshape(rows, neurons);
        INDArray prior = Nd4j.zeros(DataType.DOUBLE, hidden + 1, neurons);
        prior.getRow(hidden).assign(-1.5);
        long pairs = (long) rows * (hidden + 1) * (hidden + 2) / 2;
        List<INDArray> blocked = timed("blocked", new SessionRateFit(x, y, prior), rows, hidden, neurons);
        if (pairs < Integer.MAX_VALUE / 4) {
            List<INDArray> whole = timed("whole", new SessionRateFit(x, y, prior, Long.MAX_VALUE), rows, hidden, neurons);
            for (int k = 0; k < whole.size(); k++) {
                assertArrayEquals(whole.get(k).ravel().toDoubleVector(), blocked.get(k).ravel().toDoubleVector(), 1e-6);
            }
        }
    }

    private static List<INDArray> timed(String name, SessionRateFit fit, int rows, int hidden, int neurons) {
        long start = System.nanoTime();
        List<INDArray> path = fit.path();
        System.out.printf("SessionRateFitTiming: %s (blocks: %s), %d rows, hidden %d, %d neurons: %.1f s%n", name,
                fit.blocked(), rows, hidden, neurons, (System.nanoTime() - start) / 1e9);
        assertTrue(path.size() == SessionRateFit.PENALTIES.length);
        return path;
    }
}
