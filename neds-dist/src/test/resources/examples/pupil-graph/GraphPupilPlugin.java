package org.example.pupilgraph;

import com.typesafe.config.Config;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nedsj.spi.*;

/**
 * The pupil plugin's function (one token per bin, an MSE head) written as SameDiff graph pieces only:
 * the model runs it through an adapter of its own, each step through a graph interpreter, while the
 * other modalities stay on arrays.
 */
public final class GraphPupilPlugin implements NedsPlugin {

    @Override public String name() { return "pupil-graph"; }

    @Override public List<ModalityEncoderFactory> modalityEncoders() {
        return List.of(new ModalityEncoderFactory() {
            @Override public String name() { return "pupil-graph-linear"; }
            @Override public String description() { return "one token per bin: w·x + b (SameDiff graph)"; }
            @Override public boolean supports(ModalitySpec m) { return m.kind() == ModalitySpec.Kind.DYNAMIC_CONTINUOUS; }
            @Override public ModalityEncoder create(ModalitySpec m, Config section) {
                return (g, values) -> {
                    int h = g.hiddenSize();
                    int w = g.width();
                    SDVariable weight = g.weight("in_w", w, w, h);
                    SDVariable bias = g.bias("in_b", 0, h);
                    return values.reshape(-1, w).mmul(weight).add(bias).reshape(-1, g.modality().tokensPerTrial(), h);
                };
            }
        });
    }

    @Override public List<ModalityDecoderFactory> modalityDecoders() {
        return List.of(new ModalityDecoderFactory() {
            @Override public String name() { return "pupil-graph-mse"; }
            @Override public String description() { return "linear read-out per bin; mean squared error (SameDiff graph)"; }
            @Override public boolean supports(ModalitySpec m) { return m.kind() == ModalitySpec.Kind.DYNAMIC_CONTINUOUS; }
            @Override public ModalityDecoder create(ModalitySpec m, Config section) { return new Decoder(); }
        });
    }

    static final class Decoder implements ModalityDecoder {
        @Override public SDVariable predict(TokenGraph g, SDVariable hidden) {
            int h = g.hiddenSize();
            int w = g.width();
            SDVariable weight = g.weight("out_w", h, h, w);
            SDVariable bias = g.bias("out_b", 0, w);
            return hidden.reshape(-1, h).mmul(weight).add(bias).reshape(-1, g.modality().tokensPerTrial(), w);
        }

        @Override public SDVariable loss(TokenGraph g, SDVariable prediction, SDVariable truth, SDVariable target) {
            SameDiff sd = g.sd();
            SDVariable error = prediction.sub(truth);
            SDVariable weight = sd.expandDims(target, 2).mul(sd.expandDims(g.widthMask(), 1));
            SDVariable count = sd.max(weight.sum(), sd.constant(1.0).castTo(weight.dataType()));
            return error.mul(error).mul(weight).sum().div(count);
        }
    }
}
