package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.TokenGraph;

/** Class logits from the static token, scored by cross-entropy. */
final class CategoricalLogitDecoder implements ModalityDecoder {

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
}
