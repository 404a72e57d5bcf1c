package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.direct.DirectDecoding;
import org.nedsj.model.direct.DirectScope;
import org.nedsj.model.direct.Scratch;
import org.nedsj.model.direct.SessionGroups;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.TokenGraph;

/**
 * The stitch decoder: each session's own linear map from the hidden size to its neurons' log
 * firing rates (per bin), scored by the Poisson negative log-likelihood exp(c) − y·c (the log y!
 * term is constant in the model and left out).
 */
final class PoissonRateDecoder implements ModalityDecoder, DirectDecoding {

    private final Scratch scratch = new Scratch();

    private final double initialLogRate;

    PoissonRateDecoder(double initialLogRate) {
        this.initialLogRate = initialLogRate;
    }

    @Override
    public SDVariable predict(TokenGraph g, SDVariable hidden) {
        int h = g.hiddenSize();
        int[] fanIn = new int[g.sessionCount()];
        java.util.Arrays.fill(fanIn, h);
        SDVariable w = g.sessionWeight("stitch_out_w", fanIn, h, g.width());
        SDVariable b = g.sessionBias("stitch_out_b", g.width());
        SDVariable bias = g.sd().expandDims(g.forSession(b), 1).add(initialLogRate); // [B, 1, W]
        return g.sd().mmul(hidden, g.forSession(w)).add(bias);
    }

    /** Each neuron's bias at its mean log count per bin (counts below {@value #FLOOR} per bin read as that). */
    @Override
    public java.util.Map<String, float[]> sessionStart(double[] channelMeans) {
        float[] bias = new float[channelMeans.length];
        for (int n = 0; n < bias.length; n++) {
            bias[n] = (float) (Math.log(Math.max(channelMeans[n], FLOOR)) - initialLogRate);
        }
        return java.util.Map.of("stitch_out_b", bias);
    }

    private static final double FLOOR = 1e-3;

    @Override
    public SDVariable loss(TokenGraph g, SDVariable logRate, SDVariable counts, SDVariable target) {
        SameDiff sd = g.sd();
        SDVariable nll = sd.math.exp(logRate).sub(counts.mul(logRate));            // [B, T, W]
        SDVariable weight = sd.expandDims(target, 2).mul(sd.expandDims(g.widthMask(), 1));
        return MaskedMean.of(sd, nll.mul(weight), weight);
    }

    @Override
    public Result decode(DirectScope scope, INDArray hidden, INDArray counts, INDArray target, SessionGroups sessions) {
        int h = scope.hidden();
        int w = scope.width();
        long[] shape = counts.shape();
        DataType type = hidden.dataType();
        INDArray weights = scope.parameter("stitch_out_w");
        INDArray bias = scope.parameter("stitch_out_b");
        INDArray logRate = scratch.get("log_rate", type, shape);
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(hidden, group.getValue(), h);
            INDArray c = x.mmul(SessionGroups.session(weights, s)).addiRowVector(SessionGroups.session(bias, s))
                    .addi(initialLogRate);
            sessions.scatter(c, logRate, group.getValue());
        }
        INDArray weight = MaskWeights.of(scratch, target, scope.sessionWidths(), sessions, shape);
        double count = Math.max(weight.sumNumber().doubleValue(), 1.0);
        INDArray rate = scratch.get("rate", type, shape);
        Nd4j.exec(new Exp(logRate, rate));
        INDArray term = scratch.get("term", type, shape);
        term.assign(counts).muli(logRate).rsubi(rate).muli(weight);              // (exp(c) − y·c)·weight
        double loss = term.sumNumber().doubleValue() / count;
        if (!scope.wantsGradients()) {
            return new Result(logRate, loss, null);
        }
        INDArray dc = term.assign(rate).subi(counts).muli(weight).divi(count);   // (exp(c) − y)·weight / n
        INDArray dHidden = scratch.get("hidden_gradient", type, hidden.shape());
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(hidden, group.getValue(), h);
            INDArray dy = sessions.rows(dc, group.getValue(), w);
            INDArray ws = SessionGroups.session(weights, s);
            SessionGroups.session(scope.gradient("stitch_out_w"), s).assign(x.transpose().mmul(dy));
            SessionGroups.session(scope.gradient("stitch_out_b"), s).assign(dy.sum(0));
            sessions.scatter(dy.mmul(ws.transpose()), dHidden, group.getValue());
        }
        return new Result(logRate, loss, dHidden);
    }
}
