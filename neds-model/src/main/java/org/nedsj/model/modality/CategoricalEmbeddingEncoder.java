package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.TokenGraph;

/** A learned embedding per class, as one-hot × matrix (not gather, whose gradient is wrong in this ND4J). */
final class CategoricalEmbeddingEncoder implements ModalityEncoder {

    @Override
    public SDVariable embed(TokenGraph g, SDVariable oneHot) {
        int h = g.hiddenSize();
        int classes = g.modality().classes();
        SDVariable table = g.weight("embedding", 1, classes, h);
        return oneHot.reshape(-1, classes).mmul(table).reshape(-1, 1, h);
    }
}
