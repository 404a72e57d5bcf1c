package org.example.pupil;

import com.typesafe.config.Config;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.*;

/**
 * Pupil diameter, or any behaviour with one value per time bin: one token per bin (w·x + b) and a
 * linear read-out scored by the mean squared error over the masked bins. Array-level codecs: they
 * declare their parameters and compute forward and backward themselves, so they run as fast as the
 * built-in ones. An encoder and a decoder of one modality share its namespace ({@code <modality>/in_w}
 * and so on), so their parameter names differ.
 */
public final class PupilPlugin implements NedsPlugin {

    @Override public String name() { return "pupil"; }

    @Override public List<ModalityEncoderFactory> modalityEncoders() {
        return List.of(new ModalityEncoderFactory() {
            @Override public String name() { return "pupil-linear"; }
            @Override public String description() { return "one token per bin: w·x + b"; }
            @Override public boolean supports(ModalitySpec m) { return m.kind() == ModalitySpec.Kind.DYNAMIC_CONTINUOUS; }
            @Override public ModalityEncoder create(ModalitySpec m, Config section) { return new Encoder(); }
        });
    }

    @Override public List<ModalityDecoderFactory> modalityDecoders() {
        return List.of(new ModalityDecoderFactory() {
            @Override public String name() { return "pupil-mse"; }
            @Override public String description() { return "linear read-out per bin; mean squared error"; }
            @Override public boolean supports(ModalitySpec m) { return m.kind() == ModalitySpec.Kind.DYNAMIC_CONTINUOUS; }
            @Override public ModalityDecoder create(ModalitySpec m, Config section) { return new Decoder(); }
        });
    }

    /** values [B, T, W] → tokens [B, T, H]. */
    static final class Encoder implements ArrayEncoder {
        @Override public List<ParameterSpec> parameters(CodecSizes s) {
            return List.of(ParameterSpec.weight("in_w", s.width(), s.width(), s.hiddenSize()),
                    ParameterSpec.bias("in_b", 0, s.hiddenSize()));
        }

        @Override public INDArray forward(CodecScope scope, INDArray values) {
            INDArray x = values.reshape(-1, scope.width());
            return x.mmul(scope.parameter("in_w")).addiRowVector(scope.parameter("in_b"))
                    .reshape(values.size(0), values.size(1), scope.hiddenSize());
        }

        @Override public void backward(CodecScope scope, INDArray values, INDArray tokenGradient) {
            INDArray x = values.reshape(-1, scope.width());
            INDArray dy = tokenGradient.reshape(-1, scope.hiddenSize());
            scope.gradient("in_w").assign(x.transpose().mmul(dy));
            scope.gradient("in_b").assign(dy.sum(0));
        }
    }

    /** hidden [B, T, H] → values [B, T, W]; MSE over the target bins. */
    static final class Decoder implements ArrayDecoder {
        @Override public List<ParameterSpec> parameters(CodecSizes s) {
            return List.of(ParameterSpec.weight("out_w", s.hiddenSize(), s.hiddenSize(), s.width()),
                    ParameterSpec.bias("out_b", 0, s.width()));
        }

        @Override public Decoded decode(CodecScope scope, INDArray hidden, INDArray truth, INDArray target) {
            int width = scope.width();
            INDArray x = hidden.reshape(-1, scope.hiddenSize());
            INDArray prediction = x.mmul(scope.parameter("out_w")).addiRowVector(scope.parameter("out_b"));
            INDArray weight = scope.scratch("weight", x.size(0), width).assign(1).muliColumnVector(target.reshape(-1, 1));
            double count = Math.max(weight.sumNumber().doubleValue(), 1);
            INDArray error = prediction.sub(truth.reshape(-1, width));
            double loss = error.mul(error).muli(weight).sumNumber().doubleValue() / count;
            INDArray predicted = prediction.reshape(truth.shape());
            if (!scope.wantsGradients()) {
                return new Decoded(predicted, loss, null);
            }
            INDArray dy = error.muli(weight).muli(2 / count);
            scope.gradient("out_w").assign(x.transpose().mmul(dy));
            scope.gradient("out_b").assign(dy.sum(0));
            return new Decoded(predicted, loss, dy.mmul(scope.parameter("out_w").transpose()).reshape(hidden.shape()));
        }
    }
}
