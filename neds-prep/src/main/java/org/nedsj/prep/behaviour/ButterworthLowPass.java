package org.nedsj.prep.behaviour;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Digital Butterworth low-pass design as {@code scipy.signal.butter(order, cutoff / (rate / 2),
 * output='sos')}: analog prototype poles, pre-warped cut-off, bilinear transform, and scipy's
 * {@code zpk2sos} pairing (poles closest to the unit circle in the last sections, gain in the first).
 */
public final class ButterworthLowPass {

    private ButterworthLowPass() {
    }

    /**
     * @param order  filter order (number of poles)
     * @param cutoff −3 dB frequency, Hz
     * @param rate   sampling rate, Hz
     */
    public static SecondOrderSections design(int order, double cutoff, double rate) {
        if (order < 1) {
            throw new IllegalArgumentException("Butterworth order must be ≥ 1, got " + order);
        }
        double wn = cutoff / (rate / 2);
        if (!(wn > 0 && wn < 1)) {
            throw new IllegalArgumentException("Butterworth cut-off " + cutoff + " Hz must lie between 0 and half the rate " + rate + " Hz");
        }
        double warped = 4 * Math.tan(Math.PI * wn / 2);

        List<Complex> poles = new ArrayList<>();
        Complex denominator = Complex.ONE;
        for (int m = -order + 1; m < order; m += 2) {
            double theta = Math.PI * m / (2.0 * order);
            Complex analog = new Complex(-Math.cos(theta), -Math.sin(theta)).times(warped);
            denominator = denominator.times(new Complex(4, 0).minus(analog));
            poles.add(new Complex(4, 0).plus(analog).dividedBy(new Complex(4, 0).minus(analog)));
        }
        double gain = Math.pow(warped, order) * Complex.ONE.dividedBy(denominator).re();
        List<Double> zeros = new ArrayList<>();
        for (int i = 0; i < order; i++) {
            zeros.add(-1.0);
        }
        if (order % 2 == 1) {
            poles.add(Complex.ZERO);
            zeros.add(0.0);
        }
        return pairSections(conjugateHalf(poles), zeros, gain);
    }

    /** One pole of each conjugate pair (positive imaginary part, sorted by real part), then the real poles sorted. */
    private static List<Complex> conjugateHalf(List<Complex> poles) {
        double tol = 100 * Math.ulp(1.0);
        List<Complex> complex = new ArrayList<>();
        List<Complex> real = new ArrayList<>();
        for (Complex p : poles) {
            if (Math.abs(p.im()) <= tol * p.abs()) {
                real.add(new Complex(p.re(), 0));
            } else if (p.im() > 0) {
                complex.add(p);
            }
        }
        complex.sort(Comparator.comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im())));
        real.sort(Comparator.comparingDouble(Complex::re));
        List<Complex> out = new ArrayList<>(complex);
        out.addAll(real);
        return out;
    }

    /** scipy's zpk2sos 'nearest' pairing, for zeros that are all real. */
    private static SecondOrderSections pairSections(List<Complex> poles, List<Double> zeros, double gain) {
        int n = (poles.stream().mapToInt(p -> p.isReal() ? 1 : 2).sum() + 1) / 2;
        double[][] sos = new double[n][];
        List<Complex> p = new ArrayList<>(poles);
        List<Double> z = new ArrayList<>(zeros);
        z.sort(Comparator.naturalOrder());
        for (int si = n - 1; si >= 0; si--) {
            Complex p1 = p.remove(worst(p));
            if (p1.isReal() && p.stream().noneMatch(Complex::isReal)) {
                double z1 = z.remove(nearest(z, p1));
                sos[si] = section(z1, 0, new Complex(p1.re(), 0), Complex.ZERO);
                continue;
            }
            Complex p2;
            if (p1.isReal()) {
                List<Complex> reals = p.stream().filter(Complex::isReal).toList();
                p2 = reals.get(worst(reals));
                p.remove(p2);
            } else {
                p2 = p1.conjugate();
            }
            double z1 = z.remove(nearest(z, p1));
            double z2 = z.remove(nearest(z, p1));
            sos[si] = section(z1, z2, p1, p2);
        }
        for (int k = 0; k < 3; k++) {
            sos[0][k] *= gain;
        }
        return new SecondOrderSections(sos);
    }

    private static double[] section(double z1, double z2, Complex p1, Complex p2) {
        Complex sum = p1.plus(p2);
        Complex product = p1.times(p2);
        return new double[]{1, -(z1 + z2), z1 * z2, 1, -sum.re(), product.re()};
    }

    private static int worst(List<Complex> poles) {
        int best = 0;
        for (int i = 1; i < poles.size(); i++) {
            if (Math.abs(1 - poles.get(i).abs()) < Math.abs(1 - poles.get(best).abs())) {
                best = i;
            }
        }
        return best;
    }

    private static int nearest(List<Double> zeros, Complex to) {
        int best = 0;
        for (int i = 1; i < zeros.size(); i++) {
            if (new Complex(zeros.get(i), 0).minus(to).abs() < new Complex(zeros.get(best), 0).minus(to).abs()) {
                best = i;
            }
        }
        return best;
    }

    private record Complex(double re, double im) {
        static final Complex ONE = new Complex(1, 0);
        static final Complex ZERO = new Complex(0, 0);

        Complex plus(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex minus(Complex o) {
            return new Complex(re - o.re, im - o.im);
        }

        Complex times(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        Complex times(double k) {
            return new Complex(re * k, im * k);
        }

        Complex dividedBy(Complex o) {
            double d = o.re * o.re + o.im * o.im;
            return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
        }

        Complex conjugate() {
            return new Complex(re, -im);
        }

        double abs() {
            return Math.hypot(re, im);
        }

        boolean isReal() {
            return im == 0;
        }
    }
}
