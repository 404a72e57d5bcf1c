package org.nedsj.model.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Initial parameter values, drawn from a stream seeded by the model seed and the parameter's
 * name, so a parameter's start does not depend on the order the graph was built in.
 */
public final class ParameterInit {

    private final long seed;
    private final DataType type;

    public ParameterInit(long seed, DataType type) {
        this.seed = seed;
        this.type = type;
    }

    /** U(±1/√fanIn), PyTorch's default for linear layers. */
    public INDArray uniform(String name, long fanIn, long... shape) {
        double bound = 1.0 / Math.sqrt(Math.max(1, fanIn));
        SplittableRandom rng = rng(name);
        double[] v = new double[Math.toIntExact(length(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * bound;
        }
        return Nd4j.create(v, shape, type);
    }

    /** Per-session slices {@code [S, rest…]}, slice s drawn U(±1/√fanIn[s]). */
    public INDArray uniformPerSession(String name, int[] fanIn, long... rest) {
        long slice = length(rest);
        SplittableRandom rng = rng(name);
        double[] v = new double[Math.toIntExact(slice * fanIn.length)];
        for (int s = 0; s < fanIn.length; s++) {
            double bound = 1.0 / Math.sqrt(Math.max(1, fanIn[s]));
            for (int i = 0; i < slice; i++) {
                v[(int) (s * slice + i)] = (rng.nextDouble() * 2 - 1) * bound;
            }
        }
        long[] shape = new long[rest.length + 1];
        shape[0] = fanIn.length;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return Nd4j.create(v, shape, type);
    }

    /** The initial values of a declared parameter named {@code name} in full, for {@code sessions} sessions. */
    public INDArray of(String name, org.nedsj.spi.ParameterSpec spec, int sessions) {
        org.nedsj.spi.ParameterSpec.Init init = spec.init();
        long[] shape = spec.shape();
        if (spec.perSession()) {
            long[] full = new long[shape.length + 1];
            full[0] = sessions;
            System.arraycopy(shape, 0, full, 1, shape.length);
            if (init.kind() == org.nedsj.spi.ParameterSpec.Init.Kind.UNIFORM) {
                if (init.fanIn().length != sessions) {
                    throw new IllegalArgumentException(name + ": " + init.fanIn().length + " fan-ins for " + sessions + " sessions");
                }
                return uniformPerSession(name, init.fanIn(), shape);
            }
            shape = full;
        }
        return switch (init.kind()) {
            case UNIFORM -> uniform(name, init.fanIn()[0], shape);
            case NORMAL -> normal(name, init.value(), shape);
            case CONSTANT -> constant(init.value(), shape);
        };
    }

    public INDArray constant(double value, long... shape) {
        return Nd4j.valueArrayOf(shape, value, type);
    }

    /** N(0, std²). */
    public INDArray normal(String name, double std, long... shape) {
        SplittableRandom rng = rng(name);
        double[] v = new double[Math.toIntExact(length(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = gaussian(rng) * std;
        }
        return Nd4j.create(v, shape, type);
    }

    private SplittableRandom rng(String name) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
