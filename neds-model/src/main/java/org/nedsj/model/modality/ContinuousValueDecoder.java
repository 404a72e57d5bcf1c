package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.TokenGraph;

/** A linear read-out of each token's values, scored by the mean squared error. */
final class ContinuousValueDecoder implements ArrayDecoder {

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        return java.util.List.of(ParameterSpec.weight("out_w", s.hiddenSize(), s.hiddenSize(), s.width()),
                ParameterSpec.bias("out_b", 0, s.width()));
    }

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

    @Override
    public Decoded decode(CodecScope scope, INDArray hidden, INDArray truth, INDArray target) {
        int h = scope.hiddenSize();
        long[] shape = truth.shape();
        INDArray x = hidden.reshape(-1, h);
        INDArray prediction = x.mmul(scope.parameter("out_w")).addiRowVector(scope.parameter("out_b")).reshape(shape);
        INDArray weight = MaskWeights.of(scope, target, shape);
        double count = Math.max(weight.sumNumber().doubleValue(), 1.0);
        INDArray error = prediction.sub(truth);
        double loss = error.mul(error).muli(weight).sumNumber().doubleValue() / count;
        if (!scope.wantsGradients()) {
            return new Decoded(prediction, loss, null);
        }
        INDArray dy = error.muli(weight).muli(2.0 / count).reshape(-1, shape[2]);
        scope.gradient("out_w").assign(x.transpose().mmul(dy));
        scope.gradient("out_b").assign(dy.sum(0));
        return new Decoded(prediction, loss, dy.mmul(scope.parameter("out_w").transpose()).reshape(hidden.shape()));
    }
}
