package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;
import org.nedsj.spi.TokenGraph;

/**
 * The stitch decoder: each session's own linear map from the hidden size to its neurons' log
 * firing rates (per bin), scored by the Poisson negative log-likelihood exp(c) − y·c (the log y!
 * term is constant in the model and left out).
 */
final class PoissonRateDecoder implements ArrayDecoder {

    private final double initialLogRate;
    private final boolean fitReadout;

    /** @param fitReadout whether each session's readout is refitted after training ({@link FittedRateReadouts}) */
    PoissonRateDecoder(double initialLogRate, boolean fitReadout) {
        this.initialLogRate = initialLogRate;
        this.fitReadout = fitReadout;
    }

    @Override
    public boolean fitsSessionReadout() {
        return fitReadout;
    }

    @Override
    public ReadoutFit fitSessionReadout(CodecScope scope, HeadInputs training, HeadInputs validation) {
        return FittedRateReadouts.fit(scope, training, validation, initialLogRate);
    }

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        int[] fanIn = new int[s.sessionCount()];
        java.util.Arrays.fill(fanIn, s.hiddenSize());
        return java.util.List.of(ParameterSpec.sessionWeight("stitch_out_w", fanIn, s.hiddenSize(), s.width()),
                ParameterSpec.sessionBias("stitch_out_b", s.width()));
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
    public Decoded decode(CodecScope scope, INDArray hidden, INDArray counts, INDArray target) {
        SessionGroups sessions = scope.sessions();
        int h = scope.hiddenSize();
        int w = scope.width();
        long[] shape = counts.shape();
        DataType type = hidden.dataType();
        INDArray weights = scope.parameter("stitch_out_w");
        INDArray bias = scope.parameter("stitch_out_b");
        INDArray logRate = scope.scratch("log_rate", shape);
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(hidden, group.getValue(), h);
            INDArray c = x.mmul(SessionGroups.session(weights, s)).addiRowVector(SessionGroups.session(bias, s))
                    .addi(initialLogRate);
            sessions.scatter(c, logRate, group.getValue());
        }
        INDArray weight = MaskWeights.of(scope, target, shape);
        double count = Math.max(weight.sumNumber().doubleValue(), 1.0);
        INDArray rate = scope.scratch("rate", shape);
        Nd4j.exec(new Exp(logRate, rate));
        INDArray term = scope.scratch("term", shape);
        term.assign(counts).muli(logRate).rsubi(rate).muli(weight);              // (exp(c) − y·c)·weight
        double loss = term.sumNumber().doubleValue() / count;
        if (!scope.wantsGradients()) {
            return new Decoded(logRate, loss, null);
        }
        INDArray dc = term.assign(rate).subi(counts).muli(weight).divi(count);   // (exp(c) − y)·weight / n
        INDArray dHidden = scope.scratch("hidden_gradient", hidden.shape());
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(hidden, group.getValue(), h);
            INDArray dy = sessions.rows(dc, group.getValue(), w);
            INDArray ws = SessionGroups.session(weights, s);
            SessionGroups.session(scope.gradient("stitch_out_w"), s).assign(x.transpose().mmul(dy));
            SessionGroups.session(scope.gradient("stitch_out_b"), s).assign(dy.sum(0));
            sessions.scatter(dy.mmul(ws.transpose()), dHidden, group.getValue());
        }
        return new Decoded(logRate, loss, dHidden);
    }
}
