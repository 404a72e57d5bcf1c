package org.nedsj.prep.behaviour;

/**
 * An IIR filter as cascaded second-order sections {@code [b0 b1 b2 1 a1 a2]} (scipy's {@code sos}
 * layout), run as scipy's {@code sosfilt} (transposed direct form II) and, forward and backward
 * with odd padding, as {@code sosfiltfilt}.
 */
public final class SecondOrderSections {

    private final double[][] sos;

    /** @param sos one row {@code [b0, b1, b2, a0, a1, a2]} per section, {@code a0 = 1} */
    public SecondOrderSections(double[][] sos) {
        this.sos = new double[sos.length][];
        for (int s = 0; s < sos.length; s++) {
            if (sos[s].length != 6 || sos[s][3] != 1.0) {
                throw new IllegalArgumentException("section " + s + " must be [b0 b1 b2 1 a1 a2]");
            }
            this.sos[s] = sos[s].clone();
        }
    }

    public int sections() {
        return sos.length;
    }

    /** A copy of the coefficients. */
    public double[][] coefficients() {
        double[][] out = new double[sos.length][];
        for (int s = 0; s < sos.length; s++) {
            out[s] = sos[s].clone();
        }
        return out;
    }

    /** Padding {@code sosfiltfilt} adds at each end by default: 3 × (2 × sections + 1 − trailing zero coefficients). */
    public int defaultPadLength() {
        int zeroB2 = 0;
        int zeroA2 = 0;
        for (double[] s : sos) {
            zeroB2 += s[2] == 0 ? 1 : 0;
            zeroA2 += s[5] == 0 ? 1 : 0;
        }
        return 3 * (2 * sos.length + 1 - Math.min(zeroB2, zeroA2));
    }

    /**
     * Filters {@code x} in place, starting from state {@code zi} ({@code [sections][2]}, updated).
     */
    public void filter(double[] x, double[][] zi) {
        for (int n = 0; n < x.length; n++) {
            double cur = x[n];
            for (int s = 0; s < sos.length; s++) {
                double[] c = sos[s];
                double[] z = zi[s];
                double next = c[0] * cur + z[0];
                z[0] = c[1] * cur - c[4] * next + z[1];
                z[1] = c[2] * cur - c[5] * next;
                cur = next;
            }
            x[n] = cur;
        }
    }

    /** The state for a unit step's steady state ({@code sosfilt_zi}); scale it by the first input. */
    public double[][] steadyState() {
        double[][] zi = new double[sos.length][2];
        double scale = 1.0;
        for (int s = 0; s < sos.length; s++) {
            double[] c = sos[s];
            double b0 = c[0];
            double a1 = c[4];
            double a2 = c[5];
            double rhs0 = c[1] - a1 * b0;
            double rhs1 = c[2] - a2 * b0;
            // solve [[1 + a1, -1], [a2, 1]] · zi = rhs (lfilter_zi for a second-order section)
            double z0 = (rhs0 + rhs1) / (1 + a1 + a2);
            double z1 = rhs1 - a2 * z0;
            zi[s][0] = scale * z0;
            zi[s][1] = scale * z1;
            scale *= (c[0] + c[1] + c[2]) / (c[3] + c[4] + c[5]);
        }
        return zi;
    }

    /**
     * Zero-phase filtering as {@code scipy.signal.sosfiltfilt(sos, x)}: odd extension by
     * {@link #defaultPadLength()} samples at each end, forward pass from the steady state of the
     * first sample, backward pass from the steady state of the last output.
     *
     * @throws IllegalArgumentException when {@code x} is not longer than the padding
     */
    public double[] filtfilt(double[] x) {
        int pad = defaultPadLength();
        if (x.length <= pad) {
            throw new IllegalArgumentException("forward-backward filtering needs more than " + pad + " samples, got " + x.length);
        }
        int n = x.length;
        double[] ext = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * x[0] - x[pad - i];
            ext[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, pad, n);

        double[][] zi = steadyState();
        filter(ext, scaled(zi, ext[0]));
        reverse(ext);
        filter(ext, scaled(zi, ext[0]));
        reverse(ext);
        double[] out = new double[n];
        System.arraycopy(ext, pad, out, 0, n);
        return out;
    }

    private static double[][] scaled(double[][] zi, double by) {
        double[][] out = new double[zi.length][2];
        for (int s = 0; s < zi.length; s++) {
            out[s][0] = zi[s][0] * by;
            out[s][1] = zi[s][1] * by;
        }
        return out;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
