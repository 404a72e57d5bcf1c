package org.nedsj.lfp;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.ArrayDecoder;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.CodecSizes;
import org.nedsj.spi.ParameterSpec;
import org.nedsj.spi.SessionGroups;

import java.util.Arrays;
import java.util.List;

/**
 * LFP band power read back out: each session's own linear map from the hidden size to its channel × band
 * features, scored by the mean squared error over the target tokens' real columns (a session's padding
 * columns are not scored). With standardised features this is the Gaussian log-likelihood of unit variance,
 * up to constants.
 */
final class LfpStitchDecoder implements ArrayDecoder {

    @Override
    public List<ParameterSpec> parameters(CodecSizes s) {
        int[] fanIn = new int[s.sessionCount()];
        Arrays.fill(fanIn, s.hiddenSize());
        return List.of(ParameterSpec.sessionWeight("readout_w", fanIn, s.hiddenSize(), s.width()),
                ParameterSpec.sessionBias("readout_b", s.width()));
    }

    @Override
    public Decoded decode(CodecScope scope, INDArray hidden, INDArray truth, INDArray target) {
        SessionGroups sessions = scope.sessions();
        int h = scope.hiddenSize();
        int w = scope.width();
        int tokens = (int) truth.size(1);
        int[] widths = scope.sessionWidths();
        INDArray weights = scope.parameter("readout_w");
        INDArray bias = scope.parameter("readout_b");
        INDArray prediction = scope.scratch("prediction", truth.shape());
        float[] targets = target.reshape(-1).toFloatVector();
        float[] mask = new float[targets.length * w];
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(hidden, group.getValue(), h);
            sessions.scatter(x.mmul(SessionGroups.session(weights, s)).addiRowVector(SessionGroups.session(bias, s)), prediction,
                    group.getValue());
            int real = Math.min(widths[s], w);
            for (int trial : group.getValue()) {
                for (int t = 0; t < tokens; t++) {
                    if (targets[trial * tokens + t] != 0) {
                        Arrays.fill(mask, (trial * tokens + t) * w, (trial * tokens + t) * w + real, 1f);
                    }
                }
            }
        }
        INDArray weight = scope.scratch("weight", truth.shape()).assign(Nd4j.createFromArray(mask).reshape(truth.shape()));
        double count = Math.max(weight.sumNumber().doubleValue(), 1.0);
        INDArray error = scope.scratch("error", truth.shape()).assign(prediction).subi(truth).muli(weight);
        double loss = error.mul(error).sumNumber().doubleValue() / count;
        if (!scope.wantsGradients()) {
            return new Decoded(prediction, loss, null);
        }
        INDArray dy = error.muli(2 / count);
        INDArray dHidden = scope.scratch("hidden_gradient", hidden.shape());
        for (var group : sessions.groups().entrySet()) {
            int s = group.getKey();
            INDArray x = sessions.rows(hidden, group.getValue(), h);
            INDArray d = sessions.rows(dy, group.getValue(), w);
            SessionGroups.session(scope.gradient("readout_w"), s).assign(x.transpose().mmul(d));
            SessionGroups.session(scope.gradient("readout_b"), s).assign(d.sum(0));
            sessions.scatter(d.mmul(SessionGroups.session(weights, s).transpose()), dHidden, group.getValue());
        }
        return new Decoded(prediction, loss, dHidden);
    }
}
