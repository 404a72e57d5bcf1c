package org.nedsj.prep.behaviour;

/**
 * Samples at {@code start + i × step}, the grid of numpy's {@code arange(start, stop, 1 / rate)}
 * (whose step is {@code (start + 1 / rate) − start}, as numpy fills it).
 */
public record RegularSignal(double start, double step, double[] values) implements SampledSignal {

    /** The grid numpy's {@code arange(start, start + n / rate, 1 / rate)} gives. */
    public static RegularSignal ofRate(double start, double rate, double[] values) {
        return new RegularSignal(start, (start + 1.0 / rate) - start, values);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public double time(int i) {
        return start + i * step;
    }

    @Override
    public double value(int i) {
        return values[i];
    }

    @Override
    public int firstAtOrAfter(double t) {
        if (values.length == 0 || t <= start) {
            return 0;
        }
        int i = (int) Math.min(values.length, Math.max(0, Math.ceil((t - start) / step)));
        while (i > 0 && time(i - 1) >= t) {
            i--;
        }
        while (i < values.length && time(i) < t) {
            i++;
        }
        return i;
    }
}
