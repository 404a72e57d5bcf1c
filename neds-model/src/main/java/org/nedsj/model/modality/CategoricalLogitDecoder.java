package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;
import org.nedsj.spi.TokenGraph;

/**
 * Class logits from the static token, scored by cross-entropy. With session offsets, each session's
 * logits add its own weights and biases to the shared head's, {@code x·(W + W_s) + b + b_s}: zero
 * at first (a new session starts from the shared head, and fine-tuning with the backbone frozen trains
 * its offset with its stitcher), so each session can weigh the shared representation and keep its own
 * class prior, as a per-session decoder does, while the shared head pools what the sessions have in common.
 *
 * <p>The offsets are trained with the rest ({@code session-offsets}), or left at zero while the model
 * trains and fitted after it ({@code fit-session-offsets}, see {@link SessionOffsetFit}): then each
 * session's readout is a penalised logistic regression on the trained model's head inputs, fitted on the
 * tokens decoding scores, with the inputs the model gives once dropout and the training mixture of
 * masking schemes are gone. A fitted readout may also read the mean of the input tokens the head's pooled
 * tokens were made from ({@link FittedReadout}): its {@code W_s} then has 2H rows, the second H weighing that
 * mean, which the shared head does not read.
 */
final class CategoricalLogitDecoder implements ArrayDecoder {

    private final boolean trainOffsets;
    private final boolean fitOffsets;
    private final boolean sessionOffsets;
    private final FittedReadout fitted;
    private final boolean rankOne;

    /**
     * @param trainOffsets per-session offsets trained with the rest
     * @param fitOffsets   per-session offsets fitted after training
     * @param fitted       what the fitted offsets read (a readout of the input tokens with fitted offsets alone:
     *                     {@link ModelPlugin} refuses any other setting)
     * @param rankOne      the fitted offsets held to one direction of what they read ({@link SessionOffsetFit#rankOne})
     */
    CategoricalLogitDecoder(boolean trainOffsets, boolean fitOffsets, FittedReadout fitted, boolean rankOne) {
        this.trainOffsets = trainOffsets;
        this.fitOffsets = fitOffsets;
        this.sessionOffsets = trainOffsets || fitOffsets;
        this.fitted = fitted;
        this.rankOne = rankOne;
    }

    @Override
    public java.util.List<ParameterSpec> parameters(CodecSizes s) {
        int classes = s.modality().classes();
        var parameters = new java.util.ArrayList<>(java.util.List.of(
                ParameterSpec.weight("out_w", s.hiddenSize(), s.hiddenSize(), classes), ParameterSpec.bias("out_b", 0, classes)));
        if (sessionOffsets) {
            // zero at first (sessionBias), so a new session starts from the shared head
            parameters.add(ParameterSpec.sessionBias("session_w", offsetRows(s.hiddenSize()), classes));
            parameters.add(ParameterSpec.sessionBias("session_b", classes));
        }
        return parameters;
    }

    @Override
    public SDVariable predict(TokenGraph g, SDVariable hidden) {
        int h = g.hiddenSize();
        int classes = g.modality().classes();
        SDVariable w = g.weight("out_w", h, h, classes);
        SDVariable b = g.bias("out_b", 0, classes);
        SDVariable x = hidden.reshape(-1, h);
        SDVariable logits = x.mmul(w).add(b);
        if (!sessionOffsets) {
            return logits;
        }
        SDVariable ws = g.forSession(g.sessionBias("session_w", h, classes));          // [B, H, C]
        SDVariable bs = g.forSession(g.sessionBias("session_b", classes));             // [B, C]
        SDVariable own = g.sd().mmul(g.sd().expandDims(x, 1), ws).reshape(-1, classes);  // [B, C]
        return logits.add(own).add(bs);
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
        boolean withInputTokens = fitted.readsInputTokens() && !scope.wantsGradients();
        INDArray read = hidden.reshape(-1, withInputTokens ? 2L * h : h);
        INDArray x = withInputTokens ? read.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)) : read;
        INDArray logits = x.mmul(scope.parameter("out_w")).addiRowVector(scope.parameter("out_b"));
        if (trainOffsets || fitOffsets && !scope.wantsGradients()) {
            // offsets left for the fit stay zero while the model trains: nothing to add
            addSessionOffsets(scope, read, logits);
        }
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
        INDArray dHidden = dLogits.mmul(scope.parameter("out_w").transpose());
        if (trainOffsets) {
            sessionOffsetsBackward(scope, x, dLogits, dHidden);
        }
        return new Decoded(logits, loss, dHidden.reshape(hidden.shape()));
    }

    @Override
    public boolean fitsSessionReadout() {
        return fitOffsets;
    }

    @Override
    public boolean fitReadsInputTokens() {
        return fitted.readsInputTokens();
    }

    @Override
    public ReadoutFit fitSessionReadout(CodecScope scope, HeadInputs training, HeadInputs validation) {
        return FittedSessionOffsets.fit(scope, training, validation, fitted, rankOne);
    }

    /** Rows of {@code W_s}: the head input's H, and H more where the fitted readout reads the input tokens' mean. */
    private int offsetRows(int hidden) {
        return fitted.readsInputTokens() ? 2 * hidden : hidden;
    }

    /** Adds each trial's session offset {@code x·W_s + b_s} to its logits [B, C]; {@code x} [B, rows of W_s]. */
    private static void addSessionOffsets(CodecScope scope, INDArray x, INDArray logits) {
        SessionGroups sessions = scope.sessions();
        int classes = scope.modality().classes();
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray rows = sessions.rows(x, group.getValue(), (int) x.size(1));
            INDArray own = rows.mmul(SessionGroups.session(scope.parameter("session_w"), s))
                    .addiRowVector(SessionGroups.session(scope.parameter("session_b"), s));
            sessions.scatter(own.addi(sessions.rows(logits, group.getValue(), classes)), logits, group.getValue());
        }
    }

    /** The session offsets' gradients, and their share of the hidden gradient added to {@code dHidden} [B, H]. */
    private static void sessionOffsetsBackward(CodecScope scope, INDArray x, INDArray dLogits, INDArray dHidden) {
        SessionGroups sessions = scope.sessions();
        int h = scope.hiddenSize();
        int classes = scope.modality().classes();
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray rows = sessions.rows(x, group.getValue(), h);
            INDArray dy = sessions.rows(dLogits, group.getValue(), classes);
            SessionGroups.session(scope.gradient("session_w"), s).assign(rows.transpose().mmul(dy));
            SessionGroups.session(scope.gradient("session_b"), s).assign(dy.sum(0));
            INDArray share = dy.mmul(SessionGroups.session(scope.parameter("session_w"), s).transpose());
            sessions.scatter(share.addi(sessions.rows(dHidden, group.getValue(), h)), dHidden, group.getValue());
        }
    }
}
