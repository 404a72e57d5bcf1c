package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.direct.DirectEncoding;
import org.nedsj.model.direct.DirectScope;
import org.nedsj.model.direct.SessionGroups;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.TokenGraph;

/** A learned embedding per class, as one-hot × matrix (not gather, whose gradient is wrong in this ND4J). */
final class CategoricalEmbeddingEncoder implements ModalityEncoder, DirectEncoding {

    @Override
    public SDVariable embed(TokenGraph g, SDVariable oneHot) {
        int h = g.hiddenSize();
        int classes = g.modality().classes();
        SDVariable table = g.weight("embedding", 1, classes, h);
        return oneHot.reshape(-1, classes).mmul(table).reshape(-1, 1, h);
    }

    @Override
    public INDArray forward(DirectScope scope, INDArray oneHot, SessionGroups sessions) {
        int classes = scope.spec().classes();
        return oneHot.reshape(-1, classes).mmul(scope.parameter("embedding")).reshape(oneHot.size(0), 1, scope.hidden());
    }

    @Override
    public void backward(DirectScope scope, INDArray oneHot, SessionGroups sessions, INDArray tokenGradient) {
        INDArray x = oneHot.reshape(-1, scope.spec().classes());
        scope.gradient("embedding").assign(x.transpose().mmul(tokenGradient.reshape(-1, scope.hidden())));
    }
}
