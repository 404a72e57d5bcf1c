package org.nedsj.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Scales all gradients together so their joint L2 norm is at most {@code maxNorm}. */
public final class GlobalNormClipping {

    private GlobalNormClipping() {
    }

    /**
     * @return the norm before clipping (NaN or infinite when a gradient is not finite; then nothing is scaled)
     */
    public static double clip(Map<String, INDArray> gradients, double maxNorm) {
        double sumSquares = 0;
        for (INDArray g : gradients.values()) {
            double n = g.norm2Number().doubleValue();
            sumSquares += n * n;
        }
        double norm = Math.sqrt(sumSquares);
        if (!Double.isFinite(norm) || maxNorm <= 0 || norm <= maxNorm) {
            return norm;
        }
        double scale = maxNorm / (norm + 1e-6);
        for (INDArray g : gradients.values()) {
            g.muli(scale);
        }
        return norm;
    }
}
