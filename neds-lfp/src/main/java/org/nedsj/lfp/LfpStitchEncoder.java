package org.nedsj.lfp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.ArrayEncoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;

import java.util.List;

/**
 * LFP tokens: each session's own linear map from its channel × band features to the hidden size, at every
 * token, as the spike stitcher maps a session's neurons (probes differ in channels and depth, so no map is
 * shared). Padding columns of narrower sessions are zero and add nothing.
 */
final class LfpStitchEncoder implements ArrayEncoder {

    @Override
    public List<ParameterSpec> parameters(CodecSizes s) {
        return List.of(ParameterSpec.sessionWeight("stitch_w", s.sessionWidths(), s.width(), s.hiddenSize()),
                ParameterSpec.sessionBias("stitch_b", s.hiddenSize()));
    }

    @Override
    public INDArray forward(CodecScope scope, INDArray values) {
        SessionGroups sessions = scope.sessions();
        INDArray weights = scope.parameter("stitch_w");
        INDArray bias = scope.parameter("stitch_b");
        INDArray tokens = scope.scratch("tokens", values.size(0), values.size(1), scope.hiddenSize());
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(values, group.getValue(), scope.width());
            sessions.scatter(x.mmul(SessionGroups.session(weights, s)).addiRowVector(SessionGroups.session(bias, s)), tokens,
                    group.getValue());
        }
        return tokens;
    }

    @Override
    public void backward(CodecScope scope, INDArray values, INDArray tokenGradient) {
        SessionGroups sessions = scope.sessions();
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(values, group.getValue(), scope.width());
            INDArray dy = sessions.rows(tokenGradient, group.getValue(), scope.hiddenSize());
            SessionGroups.session(scope.gradient("stitch_w"), s).assign(x.transpose().mmul(dy));
            SessionGroups.session(scope.gradient("stitch_b"), s).assign(dy.sum(0));
        }
    }
}
