package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.TokenGraph;

/**
 * The stitch decoder: each session's own linear map from the hidden size to its neurons' log
 * firing rates (per bin), scored by the Poisson negative log-likelihood exp(c) − y·c (the log y!
 * term is constant in the model and left out).
 */
final class PoissonRateDecoder implements ModalityDecoder {

    private final double initialLogRate;

    PoissonRateDecoder(double initialLogRate) {
        this.initialLogRate = initialLogRate;
    }

    @Override
    public SDVariable predict(TokenGraph g, SDVariable hidden) {
        int h = g.hiddenSize();
        int[] fanIn = new int[g.sessionCount()];
        java.util.Arrays.fill(fanIn, h);
        SDVariable w = g.sessionWeight("stitch_out_w", fanIn, h, g.width());
        SDVariable b = g.sessionBias("stitch_out_b", g.width());
        SDVariable bias = g.sd().expandDims(g.forSession(b), 1).add(initialLogRate); // [B, 1, W]
        return g.sd().mmul(hidden, g.forSession(w)).add(bias);
    }

    @Override
    public SDVariable loss(TokenGraph g, SDVariable logRate, SDVariable counts, SDVariable target) {
        SameDiff sd = g.sd();
        SDVariable nll = sd.math.exp(logRate).sub(counts.mul(logRate));            // [B, T, W]
        SDVariable weight = sd.expandDims(target, 2).mul(sd.expandDims(g.widthMask(), 1));
        return MaskedMean.of(sd, nll.mul(weight), weight);
    }
}
