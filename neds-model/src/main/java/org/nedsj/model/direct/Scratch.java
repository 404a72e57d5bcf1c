package org.nedsj.model.direct;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Work arrays kept between calls, by purpose and shape (fresh off-heap memory is slow to touch). */
public final class Scratch {

    private final Map<String, INDArray> arrays = new HashMap<>();

    public INDArray get(String purpose, DataType type, long... shape) {
        INDArray a = arrays.get(purpose);
        if (a == null || a.dataType() != type || !Arrays.equals(a.shape(), shape)) {
            a = Nd4j.create(type, shape);
            arrays.put(purpose, a);
        }
        return a;
    }
}
