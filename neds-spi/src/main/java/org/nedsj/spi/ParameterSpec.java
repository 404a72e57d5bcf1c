package org.nedsj.spi;

import java.util.Arrays;

/**
 * A trainable array an array-level codec declares; the model allocates it in its parameter store,
 * initialises it, trains it and saves it, under the modality's scope ({@code <modality>/<name>}).
 * A per-session parameter has the session table as an extra first axis, {@code [S, shape…]}, and
 * gains a row when a session is added.
 *
 * @param name       the local name, unique within the codec's modality
 * @param shape      the shape (without the session axis of a per-session parameter)
 * @param init       how the initial values are drawn
 * @param perSession whether each session has its own copy (row)
 * @param decayed    whether decoupled weight decay applies (weights yes, biases and gains no)
 */
public record ParameterSpec(String name, long[] shape, Init init, boolean perSession, boolean decayed) {

    /**
     * The initial values: {@code U(±1/√fanIn)} (PyTorch's default for linear layers; per session a
     * fan-in each), {@code N(0, std²)}, or a constant. Draws depend on the model seed and the full
     * parameter name only.
     */
    public record Init(Kind kind, int[] fanIn, double value) {

        public enum Kind { UNIFORM, NORMAL, CONSTANT }

        public Init {
            fanIn = fanIn.clone();
        }
    }

    public ParameterSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A shared weight, decayed, initialised U(±1/√fanIn). */
    public static ParameterSpec weight(String name, long fanIn, long... shape) {
        return new ParameterSpec(name, shape, new Init(Init.Kind.UNIFORM, new int[]{Math.toIntExact(fanIn)}, 0), false, true);
    }

    /** A shared bias or gain, not decayed, initialised to {@code value}. */
    public static ParameterSpec bias(String name, double value, long... shape) {
        return new ParameterSpec(name, shape, new Init(Init.Kind.CONSTANT, new int[0], value), false, false);
    }

    /** A shared array, decayed, drawn N(0, std²) (e.g. an embedding table). */
    public static ParameterSpec normal(String name, double std, long... shape) {
        return new ParameterSpec(name, shape, new Init(Init.Kind.NORMAL, new int[0], std), false, true);
    }

    /** A per-session weight {@code [S, shape…]}, decayed; session s's row drawn U(±1/√fanIn[s]). */
    public static ParameterSpec sessionWeight(String name, int[] fanIn, long... shape) {
        return new ParameterSpec(name, shape, new Init(Init.Kind.UNIFORM, fanIn, 0), true, true);
    }

    /** A per-session bias {@code [S, shape…]}, not decayed, initialised to zero. */
    public static ParameterSpec sessionBias(String name, long... shape) {
        return new ParameterSpec(name, shape, new Init(Init.Kind.CONSTANT, new int[0], 0), true, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape) && init.equals(p.init)
                && perSession == p.perSession && decayed == p.decayed;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + (perSession ? " per session" : "");
    }
}
