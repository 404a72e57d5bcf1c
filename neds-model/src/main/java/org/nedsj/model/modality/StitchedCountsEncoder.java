package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.TokenGraph;

/**
 * The stitcher: each session's own linear map from its neurons to the hidden size, applied to
 * every time bin. Padding columns of narrower sessions are zero in the input, so they add nothing.
 */
final class StitchedCountsEncoder implements ModalityEncoder {

    @Override
    public SDVariable embed(TokenGraph g, SDVariable values) {
        int h = g.hiddenSize();
        SDVariable w = g.sessionWeight("stitch_w", g.sessionWidths(), g.width(), h);
        SDVariable b = g.sessionBias("stitch_b", h);
        SDVariable perTrial = g.forSession(w);                       // [B, W, H]
        SDVariable bias = g.sd().expandDims(g.forSession(b), 1);     // [B, 1, H]
        return g.sd().mmul(values, perTrial).add(bias);
    }
}
