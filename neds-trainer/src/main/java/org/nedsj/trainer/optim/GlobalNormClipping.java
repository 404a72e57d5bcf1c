package org.nedsj.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.model.ParameterStore;

import java.util.List;

/** Scales all gradients together so their joint L2 norm is at most {@code maxNorm}. */
public final class GlobalNormClipping {

    private GlobalNormClipping() {
    }

    /**
     * Clips the stretches {@code runs} of a flat gradient buffer (laid out as a
     * {@link ParameterStore}) together, in one pass over them for the norm and one to scale.
     *
     * @return the norm before clipping (NaN or infinite when a gradient is not finite; then nothing is scaled)
     */
    public static double clip(INDArray gradients, List<ParameterStore.Run> selected, double maxNorm) {
        List<ParameterStore.Run> runs = ParameterStore.merged(selected);
        double sumSquares = 0;
        for (ParameterStore.Run run : runs) {
            double n = view(gradients, run).norm2Number().doubleValue();
            sumSquares += n * n;
        }
        double norm = Math.sqrt(sumSquares);
        if (!Double.isFinite(norm) || maxNorm <= 0 || norm <= maxNorm) {
            return norm;
        }
        double scale = maxNorm / (norm + 1e-6);
        for (ParameterStore.Run run : runs) {
            view(gradients, run).muli(scale);
        }
        return norm;
    }

    private static INDArray view(INDArray flat, ParameterStore.Run run) {
        return flat.get(NDArrayIndex.interval(run.offset(), run.offset() + run.length()));
    }
}
