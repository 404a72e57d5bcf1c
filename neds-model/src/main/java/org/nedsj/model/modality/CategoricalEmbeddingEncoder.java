package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.ArrayEncoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.TokenGraph;

/** A learned embedding per class, as one-hot × matrix (not gather, whose gradient is wrong in this ND4J). */
final class CategoricalEmbeddingEncoder implements ArrayEncoder {

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        return java.util.List.of(ParameterSpec.weight("embedding", 1, s.modality().classes(), s.hiddenSize()));
    }

    @Override
    public SDVariable embed(TokenGraph g, SDVariable oneHot) {
        int h = g.hiddenSize();
        int classes = g.modality().classes();
        SDVariable table = g.weight("embedding", 1, classes, h);
        return oneHot.reshape(-1, classes).mmul(table).reshape(-1, 1, h);
    }

    @Override
    public INDArray forward(CodecScope scope, INDArray oneHot) {
        int classes = scope.modality().classes();
        return oneHot.reshape(-1, classes).mmul(scope.parameter("embedding")).reshape(oneHot.size(0), 1, scope.hiddenSize());
    }

    @Override
    public void backward(CodecScope scope, INDArray oneHot, INDArray tokenGradient) {
        INDArray x = oneHot.reshape(-1, scope.modality().classes());
        scope.gradient("embedding").assign(x.transpose().mmul(tokenGradient.reshape(-1, scope.hiddenSize())));
    }
}
