package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.TokenGraph;

/** A linear read-out of each token's values, scored by the mean squared error. */
final class ContinuousValueDecoder implements ModalityDecoder {

    @Override
    public SDVariable predict(TokenGraph g, SDVariable hidden) {
        int h = g.hiddenSize();
        int width = g.width();
        int tokens = g.modality().tokensPerTrial();
        SDVariable w = g.weight("out_w", h, h, width);
        SDVariable b = g.bias("out_b", 0, width);
        return hidden.reshape(-1, h).mmul(w).add(b).reshape(-1, tokens, width);
    }

    @Override
    public SDVariable loss(TokenGraph g, SDVariable prediction, SDVariable truth, SDVariable target) {
        SameDiff sd = g.sd();
        SDVariable error = prediction.sub(truth);
        SDVariable weight = sd.expandDims(target, 2).mul(sd.expandDims(g.widthMask(), 1));
        return MaskedMean.of(sd, error.mul(error).mul(weight), weight);
    }
}
