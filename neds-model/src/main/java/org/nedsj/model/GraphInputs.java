package org.nedsj.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.graph.GraphParts;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Batch} and its {@link MaskPlan} into the graph's placeholder arrays. Arrays are
 * kept per batch size and refilled in place, since fresh off-heap memory is slow to touch.
 */
final class GraphInputs {

    private final List<ModalityBinding> modalities;
    private final Map<String, Integer> widths;
    private final SessionTable sessions;
    private final DataType type;
    private final Map<Integer, Map<String, INDArray>> arrays = new HashMap<>();
    private final Map<Integer, Map<String, float[]>> scratch = new HashMap<>();

    GraphInputs(List<ModalityBinding> modalities, Map<String, Integer> widths, SessionTable sessions, DataType type) {
        this.modalities = modalities;
        this.widths = widths;
        this.sessions = sessions;
        this.type = type;
    }

    /** The placeholders for one step; valid until the next call with the same batch size. */
    Map<String, INDArray> fill(Batch batch, MaskPlan plan, boolean training) {
        int n = batch.size();
        if (plan.size() != n) {
            throw new IllegalArgumentException("mask plan for " + plan.size() + " trials, batch has " + n);
        }
        Map<String, INDArray> out = arrays.computeIfAbsent(n, this::allocate);
        Map<String, float[]> host = scratch.computeIfAbsent(n, k -> new HashMap<>());
        float[] session = host.computeIfAbsent(GraphParts.SESSION, k -> new float[n * sessions.size()]);
        java.util.Arrays.fill(session, 0f);
        for (int i = 0; i < n; i++) {
            session[i * sessions.size() + batch.session(i)] = 1f;
        }
        put(out.get(GraphParts.SESSION), session);
        out.get(GraphParts.TRAINING).assign(training ? 1.0 : 0.0);
        for (ModalityBinding m : modalities) {
            String name = m.name();
            int t = m.spec().tokensPerTrial();
            float[] values = host.computeIfAbsent(ModalityGraphs.values(name), k -> new float[n * t * widths.get(name)]);
            copyValues(batch, m.spec(), values);
            put(out.get(ModalityGraphs.values(name)), values);
            float[] mask = host.computeIfAbsent(ModalityGraphs.hidden(name), k -> new float[n * t]);
            plan.copyHidden(name, mask, 0);
            put(out.get(ModalityGraphs.hidden(name)), mask);
            plan.copyTarget(name, mask, 0);
            put(out.get(ModalityGraphs.target(name)), mask);
        }
        return out;
    }

    private void copyValues(Batch batch, ModalitySpec spec, float[] dest) {
        FloatBuffer src = batch.values(spec.name());
        int width = widths.get(spec.name());
        int n = batch.size();
        if (spec.isStatic()) {
            java.util.Arrays.fill(dest, 0f);
            for (int i = 0; i < n; i++) {
                int c = Math.round(src.get(i));
                if (c < 0 || c >= width) {
                    throw new IllegalArgumentException("modality " + spec.name() + ": class " + c + " of trial "
                            + batch.trial(i) + " (session " + batch.sessionId(i) + ") is outside 0.." + (width - 1));
                }
                dest[i * width + c] = 1f;
            }
            return;
        }
        int srcWidth = batch.width(spec.name());
        if (srcWidth == width) {
            src.get(dest, 0, dest.length);
            return;
        }
        if (srcWidth > width) {
            throw new IllegalArgumentException("modality " + spec.name() + ": batch width " + srcWidth
                    + " exceeds the model's " + width);
        }
        java.util.Arrays.fill(dest, 0f);
        int rows = n * spec.tokensPerTrial();
        for (int r = 0; r < rows; r++) {
            src.position(r * srcWidth);
            src.get(dest, r * width, srcWidth);
        }
    }

    private Map<String, INDArray> allocate(int n) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(GraphParts.SESSION, Nd4j.create(type, n, sessions.size()));
        out.put(GraphParts.TRAINING, Nd4j.scalar(type, 0.0));
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            out.put(ModalityGraphs.values(m.name()), Nd4j.create(type, n, t, widths.get(m.name())));
            out.put(ModalityGraphs.hidden(m.name()), Nd4j.create(type, n, t, 1));
            out.put(ModalityGraphs.target(m.name()), Nd4j.create(type, n, t));
        }
        return out;
    }

    private void put(INDArray array, float[] values) {
        if (type == DataType.FLOAT) {
            array.data().asNioFloat().put(values, 0, (int) array.length());
        } else {
            double[] d = new double[(int) array.length()];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            array.data().setData(d);
        }
    }
}
