package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.TokenGraph;

/** Class logits from the static token, scored by cross-entropy. */
final class CategoricalLogitDecoder implements ArrayDecoder {

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        int classes = s.modality().classes();
        return java.util.List.of(ParameterSpec.weight("out_w", s.hiddenSize(), s.hiddenSize(), classes),
                ParameterSpec.bias("out_b", 0, classes));
    }

    @Override
    public SDVariable predict(TokenGraph g, SDVariable hidden) {
        int h = g.hiddenSize();
        int classes = g.modality().classes();
        SDVariable w = g.weight("out_w", h, h, classes);
        SDVariable b = g.bias("out_b", 0, classes);
        return hidden.reshape(-1, h).mmul(w).add(b);
    }

    @Override
    public SDVariable loss(TokenGraph g, SDVariable logits, SDVariable oneHot, SDVariable target) {
        SameDiff sd = g.sd();
        int classes = g.modality().classes();
        // log-softmax written out: SameDiff's LogSoftMax op does not survive the gradient graph's copy in M2.1
        SDVariable shifted = logits.sub(sd.max(logits, true, 1));
        SDVariable logProbability = shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
        SDVariable nll = oneHot.reshape(-1, classes).mul(logProbability).sum(1).neg();   // [B]
        SDVariable weight = target.reshape(-1);
        return MaskedMean.of(sd, nll.mul(weight), weight);
    }

    @Override
    public Decoded decode(CodecScope scope, INDArray hidden, INDArray oneHot, INDArray target) {
        int h = scope.hiddenSize();
        int classes = scope.modality().classes();
        INDArray x = hidden.reshape(-1, h);
        INDArray logits = x.mmul(scope.parameter("out_w")).addiRowVector(scope.parameter("out_b"));
        INDArray shifted = logits.subColumnVector(logits.max(1));
        INDArray probability = Transforms.exp(shifted, true);
        INDArray total = probability.sum(true, 1);
        probability.diviColumnVector(total);
        INDArray logProbability = shifted.subiColumnVector(Transforms.log(total, false));
        INDArray y = oneHot.reshape(-1, classes);
        INDArray weight = target.reshape(-1, 1);
        double count = Math.max(weight.sumNumber().doubleValue(), 1.0);
        double loss = -y.mul(logProbability).sum(true, 1).muli(weight).sumNumber().doubleValue() / count;
        if (!scope.wantsGradients()) {
            return new Decoded(logits, loss, null);
        }
        INDArray dLogits = probability.subi(y).muliColumnVector(weight).divi(count);
        scope.gradient("out_w").assign(x.transpose().mmul(dLogits));
        scope.gradient("out_b").assign(dLogits.sum(0));
        return new Decoded(logits, loss, dLogits.mmul(scope.parameter("out_w").transpose()).reshape(hidden.shape()));
    }
}
