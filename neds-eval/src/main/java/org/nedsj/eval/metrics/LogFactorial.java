package org.nedsj.eval.metrics;

/** log(y!) = lnΓ(y + 1): a table for small whole counts, Lanczos' approximation otherwise. */
public final class LogFactorial {

    private static final int TABLE_SIZE = 1024;
    private static final double[] TABLE = new double[TABLE_SIZE];
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    static {
        for (int k = 1; k < TABLE_SIZE; k++) {
            TABLE[k] = TABLE[k - 1] + Math.log(k);
        }
    }

    private LogFactorial() {
    }

    /** log(y!) for y ≥ 0 (y need not be whole). */
    public static double of(double y) {
        if (y >= 0 && y < TABLE_SIZE && y == Math.rint(y)) {
            return TABLE[(int) y];
        }
        return logGamma(y + 1);
    }

    /** lnΓ(x) for x > 0 (Lanczos, g = 7; relative error below 1e-13). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
