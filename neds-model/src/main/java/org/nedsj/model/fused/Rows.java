package org.nedsj.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Bulk row access to a contiguous float or double array, as double[] rows, so that loops over
 * the rows run on plain arrays whatever the array's type.
 */
final class Rows {

    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final float[] staging;

    /**
     * Over {@code array}'s own memory when it is contiguous in C order (a view into the parameter
     * store is), so that puts write through; over a copy otherwise (read only).
     */
    Rows(INDArray array, int width) {
        boolean contiguous = array.ordering() == 'c' && (array.elementWiseStride() == 1 || array.length() == 1);
        INDArray a = contiguous ? array : array.dup('c');
        int offset = (int) a.offset();
        boolean single = a.dataType() == DataType.FLOAT;
        this.floats = single ? a.data().asNioFloat().position(offset).slice() : null;
        this.doubles = single ? null : a.data().asNioDouble().position(offset).slice();
        this.staging = new float[width];
    }

    void get(long offset, double[] row) {
        if (floats != null) {
            floats.get((int) offset, staging, 0, row.length);
            for (int j = 0; j < row.length; j++) {
                row[j] = staging[j];
            }
        } else {
            doubles.get((int) offset, row);
        }
    }

    void put(long offset, double[] row) {
        if (floats != null) {
            for (int j = 0; j < row.length; j++) {
                staging[j] = (float) row[j];
            }
            floats.put((int) offset, staging, 0, row.length);
        } else {
            doubles.put((int) offset, row);
        }
    }

    /** One value. */
    double get(long index) {
        return floats != null ? floats.get((int) index) : doubles.get((int) index);
    }
}
