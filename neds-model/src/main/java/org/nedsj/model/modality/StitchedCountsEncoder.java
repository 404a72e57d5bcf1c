package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.ArrayEncoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;
import org.nedsj.spi.TokenGraph;

/**
 * The stitcher: each session's own linear map from its neurons to the hidden size, applied to
 * every time bin. Padding columns of narrower sessions are zero in the input, so they add nothing.
 */
final class StitchedCountsEncoder implements ArrayEncoder {

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        return java.util.List.of(ParameterSpec.sessionWeight("stitch_w", s.sessionWidths(), s.width(), s.hiddenSize()),
                ParameterSpec.sessionBias("stitch_b", s.hiddenSize()));
    }

    @Override
    public SDVariable embed(TokenGraph g, SDVariable values) {
        int h = g.hiddenSize();
        SDVariable w = g.sessionWeight("stitch_w", g.sessionWidths(), g.width(), h);
        SDVariable b = g.sessionBias("stitch_b", h);
        SDVariable perTrial = g.forSession(w);                       // [B, W, H]
        SDVariable bias = g.sd().expandDims(g.forSession(b), 1);     // [B, 1, H]
        return g.sd().mmul(values, perTrial).add(bias);
    }

    @Override
    public INDArray forward(CodecScope scope, INDArray values) {
        SessionGroups sessions = scope.sessions();
        int h = scope.hiddenSize();
        int w = scope.width();
        INDArray weights = scope.parameter("stitch_w");
        INDArray bias = scope.parameter("stitch_b");
        INDArray tokens = scope.scratch("tokens", values.size(0), values.size(1), h);
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(values, group.getValue(), w);
            INDArray y = x.mmul(SessionGroups.session(weights, s)).addiRowVector(SessionGroups.session(bias, s));
            sessions.scatter(y, tokens, group.getValue());
        }
        return tokens;
    }

    @Override
    public void backward(CodecScope scope, INDArray values, INDArray tokenGradient) {
        SessionGroups sessions = scope.sessions();
        int h = scope.hiddenSize();
        int w = scope.width();
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(values, group.getValue(), w);
            INDArray dy = sessions.rows(tokenGradient, group.getValue(), h);
            SessionGroups.session(scope.gradient("stitch_w"), s).assign(x.transpose().mmul(dy));
            SessionGroups.session(scope.gradient("stitch_b"), s).assign(dy.sum(0));
        }
    }
}
