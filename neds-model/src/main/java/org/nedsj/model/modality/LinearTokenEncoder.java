package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.TokenGraph;

/** A learned linear map from each bin's values (e.g. wheel speed) to a token. */
final class LinearTokenEncoder implements ModalityEncoder {

    @Override
    public SDVariable embed(TokenGraph g, SDVariable values) {
        int h = g.hiddenSize();
        int width = g.width();
        int tokens = g.modality().tokensPerTrial();
        SDVariable w = g.weight("in_w", width, width, h);
        SDVariable b = g.bias("in_b", 0, h);
        return values.reshape(-1, width).mmul(w).add(b).reshape(-1, tokens, h);
    }
}
