package org.nedsj.model.modality;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.CodecScope;
import org.nedsj.spi.SessionGroups;

/** The weight of each predicted value in a masked loss: target token × real (not padding) column. */
final class MaskWeights {

    private MaskWeights() {
    }

    /** [B, T, W]: target[b, t] where column w is within trial b's session width, else 0. */
    static INDArray of(CodecScope scope, INDArray target, long[] shape) {
        INDArray weight = scope.scratch("weight", shape);
        int[] sessionWidths = scope.sessionWidths();
        SessionGroups sessions = scope.sessions();
        int tokens = (int) shape[1];
        int width = (int) shape[2];
        DataBuffer out = weight.data();
        INDArray t = target.isView() || target.ordering() != 'c' ? target.dup('c') : target;
        DataBuffer in = t.data();
        for (var group : sessions.groups().entrySet()) {
            int real = sessionWidths[group.getKey()];
            for (int b : group.getValue()) {
                for (int k = 0; k < tokens; k++) {
                    double v = in.getDouble((long) b * tokens + k);
                    long row = ((long) b * tokens + k) * width;
                    for (int j = 0; j < width; j++) {
                        out.put(row + j, j < real ? v : 0.0);
                    }
                }
            }
        }
        return weight;
    }
}
