package org.nedsj.model.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotary position embedding (RoPE) in the rotate-half form: within each head, dimension i and
 * i + d/2 form a pair rotated by angle position · base^(−2i/d). Queries and keys are rotated;
 * their dot product then depends on the positions' difference only.
 *
 * <p>Works on [N, H] rows (N = B·L, heads side by side): x·cos + rotateHalf(x)·sin, where
 * rotateHalf is a fixed [d, d] matrix applied per head and cos/sin are [L, H] tables.
 */
public final class RotaryEmbedding {

    private final SDVariable cos;
    private final SDVariable sin;
    private final SDVariable rotateHalf;
    private final int tokens;
    private final int hidden;
    private final int headSize;

    public RotaryEmbedding(GraphParts parts, int[] positions) {
        this.tokens = positions.length;
        this.hidden = parts.config().hidden();
        this.headSize = parts.config().headSize();
        double[][] table = angles(positions, headSize, parts.config().ropeBase());
        INDArray c = Nd4j.create(parts.type(), tokens, hidden);
        INDArray s = Nd4j.create(parts.type(), tokens, hidden);
        for (int l = 0; l < tokens; l++) {
            for (int j = 0; j < hidden; j++) {
                double a = table[l][j % headSize];
                c.putScalar(l, j, Math.cos(a));
                s.putScalar(l, j, Math.sin(a));
            }
        }
        this.cos = parts.sd().constant("rope/cos", c);
        this.sin = parts.sd().constant("rope/sin", s);
        this.rotateHalf = parts.sd().constant("rope/rotate_half", rotateHalfMatrix(headSize, parts.type()));
    }

    /** Angle of each position and head dimension: dimension j and j + d/2 share base^(−2j/d). */
    public static double[][] angles(int[] positions, int headSize, double base) {
        int half = headSize / 2;
        double[][] a = new double[positions.length][headSize];
        for (int l = 0; l < positions.length; l++) {
            for (int j = 0; j < half; j++) {
                double angle = positions[l] * Math.pow(base, -2.0 * j / headSize);
                a[l][j] = angle;
                a[l][j + half] = angle;
            }
        }
        return a;
    }

    /** The [d, d] matrix R with x·R = rotateHalf(x) = [−x₂, x₁] for x = [x₁, x₂]. */
    public static INDArray rotateHalfMatrix(int d, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray r = Nd4j.zeros(type, d, d);
        int half = d / 2;
        for (int j = 0; j < half; j++) {
            r.putScalar(j + half, j, -1.0);
            r.putScalar(j, j + half, 1.0);
        }
        return r;
    }

    /** Rotates x: [B·L, H] rows of L tokens per trial. */
    public SDVariable apply(SDVariable x) {
        SDVariable rotated = x.reshape(-1, headSize).mmul(rotateHalf).reshape(-1, tokens, hidden);
        SDVariable x3 = x.reshape(-1, tokens, hidden);
        return x3.mul(cos).add(rotated.mul(sin)).reshape(-1, hidden);
    }
}
