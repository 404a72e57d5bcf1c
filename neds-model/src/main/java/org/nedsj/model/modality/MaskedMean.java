package org.nedsj.model.modality;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Sum of weighted losses over the sum of weights, 0 when nothing is weighted. */
final class MaskedMean {

    private MaskedMean() {
    }

    static SDVariable of(SameDiff sd, SDVariable weightedLoss, SDVariable weight) {
        SDVariable count = sd.max(weight.sum(), sd.constant(1.0).castTo(weight.dataType()));
        return weightedLoss.sum().div(count);
    }
}
