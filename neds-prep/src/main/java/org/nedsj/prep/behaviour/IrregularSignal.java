package org.nedsj.prep.behaviour;

/** Samples at given times (e.g. camera frames). */
public record IrregularSignal(double[] times, double[] values) implements SampledSignal {

    public IrregularSignal {
        if (times.length != values.length) {
            throw new IllegalArgumentException(times.length + " times but " + values.length + " values");
        }
    }

    /** The samples whose value is not NaN (a frame without motion energy is treated as not sampled). */
    public static IrregularSignal withoutMissing(double[] times, double[] values) {
        int n = 0;
        for (double v : values) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        if (n == values.length) {
            return new IrregularSignal(times, values);
        }
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                t[k] = times[i];
                v[k++] = values[i];
            }
        }
        return new IrregularSignal(t, v);
    }

    @Override
    public int size() {
        return times.length;
    }

    @Override
    public double time(int i) {
        return times[i];
    }

    @Override
    public double value(int i) {
        return values[i];
    }
}
