package org.nedsj.nwb;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;

import java.nio.ByteBuffer;

/**
 * Reads a run of values of a 1-D chunked floating-point dataset by decompressing only the chunks it
 * lies in (jHDF 0.9/0.10 return zeros for {@code getData(offset, shape)} on a compressed chunked
 * dataset, so slices of those are put together here). The last chunk is kept, as consecutive units
 * of a ragged column share chunks.
 */
final class ChunkedSlice {

    private final ChunkedDataset dataset;
    private final int chunk;
    private final int width;
    private final java.nio.ByteOrder order;
    private long cachedStart = -1;
    private ByteBuffer cached;

    private ChunkedSlice(ChunkedDataset dataset, int width, java.nio.ByteOrder order) {
        this.dataset = dataset;
        this.chunk = dataset.getChunkDimensions()[0];
        this.width = width;
        this.order = order;
    }

    /** A reader for {@code dataset} when it is 1-D float32/float64, else null (read it whole instead). */
    static ChunkedSlice of(ChunkedDataset dataset) {
        DataType t = dataset.getDataType();
        if (dataset.getDimensions().length != 1 || !(t instanceof FloatingPoint fp) || (t.getSize() != 8 && t.getSize() != 4)) {
            return null;
        }
        return new ChunkedSlice(dataset, t.getSize(), fp.getByteOrder());
    }

    double[] read(long offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; ) {
            long at = offset + i;
            long start = at - at % chunk;
            ByteBuffer b = chunkAt(start);
            int in = (int) (at - start);
            int n = (int) Math.min(length - i, Math.min(chunk - in, dataset.getSize() - at));
            for (int k = 0; k < n; k++) {
                int pos = (in + k) * width;
                out[i + k] = width == 8 ? b.getDouble(pos) : b.getFloat(pos);
            }
            i += n;
        }
        return out;
    }

    private ByteBuffer chunkAt(long start) {
        if (start != cachedStart) {
            cached = ByteBuffer.wrap(dataset.getDecompressedChunk(new int[]{Math.toIntExact(start)})).order(order);
            cachedStart = start;
        }
        return cached;
    }
}
