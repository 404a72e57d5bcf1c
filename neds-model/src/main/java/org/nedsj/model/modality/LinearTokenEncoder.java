package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.ArrayEncoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.TokenGraph;

/** A learned linear map from each bin's values (e.g. wheel speed) to a token. */
final class LinearTokenEncoder implements ArrayEncoder {

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        return java.util.List.of(ParameterSpec.weight("in_w", s.width(), s.width(), s.hiddenSize()),
                ParameterSpec.bias("in_b", 0, s.hiddenSize()));
    }

    @Override
    public SDVariable embed(TokenGraph g, SDVariable values) {
        int h = g.hiddenSize();
        int width = g.width();
        int tokens = g.modality().tokensPerTrial();
        SDVariable w = g.weight("in_w", width, width, h);
        SDVariable b = g.bias("in_b", 0, h);
        return values.reshape(-1, width).mmul(w).add(b).reshape(-1, tokens, h);
    }

    @Override
    public INDArray forward(CodecScope scope, INDArray values) {
        int w = scope.width();
        return values.reshape(-1, w).mmul(scope.parameter("in_w")).addiRowVector(scope.parameter("in_b"))
                .reshape(values.size(0), values.size(1), scope.hiddenSize());
    }

    @Override
    public void backward(CodecScope scope, INDArray values, INDArray tokenGradient) {
        INDArray x = values.reshape(-1, scope.width());
        INDArray dy = tokenGradient.reshape(-1, scope.hiddenSize());
        scope.gradient("in_w").assign(x.transpose().mmul(dy));
        scope.gradient("in_b").assign(dy.sum(0));
    }
}
