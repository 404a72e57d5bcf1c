package org.nedsj.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every parameter of a model as a view into one contiguous buffer, and every gradient as a view
 * into a second buffer of the same layout. Whatever works on all parameters at once (the
 * optimiser, gradient clipping, the non-finite check, checkpoints) works on the two flat buffers in
 * one pass; the engine and the codecs work on the views. The store knows each parameter's name,
 * shape, offset, decay flag and whether its first axis is the session table.
 */
public final class ParameterStore {

    /** Where one parameter lives in the flat buffers. */
    public record Slot(Parameter parameter, long[] shape, long offset, long length) {

        public String name() {
            return parameter.name();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** A stretch of the flat buffers whose parameters share a decay flag. */
    public record Run(long offset, long length, boolean decayed) {
    }

    /** Collects parameters with their initial values, then lays them out in one buffer. */
    public static final class Builder {
        private final Map<String, Parameter> parameters = new LinkedHashMap<>();
        private final Map<String, INDArray> initial = new HashMap<>();

        public Builder add(Parameter p, INDArray value) {
            if (parameters.putIfAbsent(p.name(), p) != null) {
                throw new IllegalStateException("parameter " + p.name() + " is defined twice");
            }
            initial.put(p.name(), value);
            return this;
        }

        public boolean has(String name) {
            return parameters.containsKey(name);
        }

        public ParameterStore build(DataType type) {
            return new ParameterStore(List.copyOf(parameters.values()), initial, type);
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final INDArray values;
    private final INDArray gradients;
    private final INDArray[] valueViews;
    private final INDArray[] gradientViews;
    private final Map<String, INDArray> gradientsByName = new LinkedHashMap<>();

    private ParameterStore(List<Parameter> parameters, Map<String, INDArray> initial, DataType type) {
        long offset = 0;
        for (Parameter p : parameters) {
            long[] shape = initial.get(p.name()).shape();
            long length = Math.max(1, Arrays.stream(shape).reduce(1, (a, b) -> a * b));
            index.put(p.name(), slots.size());
            slots.add(new Slot(p, shape, offset, length));
            offset += length;
        }
        this.values = Nd4j.create(type, Math.max(1, offset));
        this.gradients = Nd4j.create(type, Math.max(1, offset));
        this.valueViews = new INDArray[slots.size()];
        this.gradientViews = new INDArray[slots.size()];
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            valueViews[i] = view(values, s);
            gradientViews[i] = view(gradients, s);
            valueViews[i].assign(initial.get(s.name()));
            gradientsByName.put(s.name(), gradientViews[i]);
        }
    }

    private static INDArray view(INDArray flat, Slot s) {
        return flat.get(NDArrayIndex.interval(s.offset(), s.offset() + s.length())).reshape('c', s.shape);
    }

    public List<Slot> slots() {
        return Collections.unmodifiableList(slots);
    }

    public List<Parameter> parameters() {
        return slots.stream().map(Slot::parameter).toList();
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    public Slot slot(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return slots.get(i);
    }

    /** All parameter values, flat [N]. */
    public INDArray values() {
        return values;
    }

    /** All gradients, flat [N], in the layout of {@link #values()}. */
    public INDArray gradients() {
        return gradients;
    }

    /** Entries in each flat buffer. */
    public long size() {
        return values.length();
    }

    /** The live view of a parameter (null when there is none). */
    public INDArray value(String name) {
        Integer i = index.get(name);
        return i == null ? null : valueViews[i];
    }

    /** The live view of a parameter's gradient (null when there is none). */
    public INDArray gradient(String name) {
        Integer i = index.get(name);
        return i == null ? null : gradientViews[i];
    }

    /** Every gradient view by parameter name, in store order. */
    public Map<String, INDArray> gradientViews() {
        return Collections.unmodifiableMap(gradientsByName);
    }

    /**
     * The stretches of the flat buffers that hold the parameters {@code which} selects, adjacent ones
     * with the same decay flag merged.
     */
    public List<Run> runs(Predicate<Parameter> which) {
        List<Run> runs = new ArrayList<>();
        for (Slot s : slots) {
            if (!which.test(s.parameter())) {
                continue;
            }
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.decayed() == s.parameter().decayed() && last.offset() + last.length() == s.offset()) {
                runs.set(runs.size() - 1, new Run(last.offset(), last.length() + s.length(), last.decayed()));
            } else {
                runs.add(new Run(s.offset(), s.length(), s.parameter().decayed()));
            }
        }
        return runs;
    }

    /** {@code runs} with adjacent ones merged whatever their decay flags (for passes that ignore them). */
    public static List<Run> merged(List<Run> runs) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs) {
            Run last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.offset() + last.length() == r.offset()) {
                out.set(out.size() - 1, new Run(last.offset(), last.length() + r.length(), false));
            } else {
                out.add(new Run(r.offset(), r.length(), false));
            }
        }
        return out;
    }

    /** Parameter {@code name}'s part of {@code flat}, an array laid out as this store (e.g. a gradient buffer or a mask), shaped as the parameter. */
    public INDArray view(INDArray flat, String name) {
        if (flat.length() != size()) {
            throw new IllegalArgumentException("an array of " + flat.length() + " entries is not laid out as a store of " + size());
        }
        return view(flat, slot(name));
    }

    /** The first parameter whose entries in {@code flat} (laid out as this store) are NaN or infinite. */
    public java.util.Optional<Slot> firstNonFinite(INDArray flat) {
        INDArray a = flat.isView() ? flat.dup() : flat;
        long n = a.length();
        if (a.dataType() == DataType.FLOAT) {
            java.nio.FloatBuffer f = a.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(f.get(i))) {
                    return java.util.Optional.of(slotAt(i));
                }
            }
        } else {
            for (long i = 0; i < n; i++) {
                if (!Double.isFinite(a.getDouble(i))) {
                    return java.util.Optional.of(slotAt(i));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The parameter that holds flat entry {@code i}. */
    public Slot slotAt(long i) {
        for (Slot s : slots) {
            if (i >= s.offset() && i < s.offset() + s.length()) {
                return s;
            }
        }
        throw new IndexOutOfBoundsException("entry " + i + " of " + size());
    }

    /**
     * Copies every parameter of {@code other} into this store: shared ones whole, per-session ones
     * row by row, session {@code s} of {@code other} into row {@code rowOf[s]} here (a wider row pads
     * with zero). Parameters this store lacks are an error.
     */
    public void copyFrom(ParameterStore other, int[] rowOf) {
        for (Slot s : other.slots) {
            INDArray source = other.value(s.name());
            INDArray target = value(s.name());
            if (target == null) {
                throw new IllegalArgumentException("no parameter " + s.name() + " to copy into");
            }
            if (!s.parameter().perSession()) {
                target.assign(source);
                continue;
            }
            for (int row = 0; row < rowOf.length; row++) {
                copyRow(source.slice(row), target.slice(rowOf[row]));
            }
        }
    }

    private static void copyRow(INDArray from, INDArray to) {
        if (Arrays.equals(from.shape(), to.shape())) {
            to.assign(from);
            return;
        }
        to.assign(0);
        long[] shape = from.shape();
        INDArrayIndex[] within = new INDArrayIndex[shape.length];
        for (int i = 0; i < shape.length; i++) {
            within[i] = NDArrayIndex.interval(0, shape[i]);
        }
        to.get(within).assign(from);
    }
}
