package org.nedsj.eval.baseline;

/**
 * Raised-cosine bumps tiling bins 0 … bins−1: bump j is centred at j·Δ with Δ = (bins−1)/(count−1)
 * and reaches zero one spacing away, so the bumps sum to 1 in every bin. One bump is a constant.
 */
final class RaisedCosineBasis {

    private RaisedCosineBasis() {
    }

    /** [bins, count] row-major. */
    static double[] of(int bins, int count) {
        double[] out = new double[bins * count];
        if (count == 1 || bins == 1) {
            for (int t = 0; t < bins; t++) {
                for (int j = 0; j < count; j++) {
                    out[t * count + j] = count == 1 ? 1 : (j == 0 ? 1 : 0);
                }
            }
            return out;
        }
        double spacing = (bins - 1.0) / (count - 1);
        for (int t = 0; t < bins; t++) {
            for (int j = 0; j < count; j++) {
                double distance = Math.abs(t - j * spacing) / spacing;
                out[t * count + j] = distance < 1 ? 0.5 * (1 + Math.cos(Math.PI * distance)) : 0;
            }
        }
        return out;
    }
}
