package org.nedsj.model.fused;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.Parameter;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.ParameterInit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the encoders' tokens together as the transformer reads them, and back-propagates through
 * that: each hidden token replaced by its modality's mask token, the modality embedding added to
 * every token, and the session's embedding added to every token of a trial. The same function and
 * parameters (names, initial values) as the SameDiff graph's; here as plain loops, since it is a
 * handful of additions per element.
 */
public final class TokenAssembly {

    private final List<ModalityBinding> modalities;
    private final int hidden;
    private final int tokens;
    private final boolean sessionEmbedding;
    private final DataType type;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private INDArray assembled;
    private final Map<String, INDArray> rawGradients = new LinkedHashMap<>();

    public TokenAssembly(List<ModalityBinding> modalities, int hidden, int sessions, boolean sessionEmbedding,
                         DataType type, long seed) {
        this.modalities = List.copyOf(modalities);
        this.hidden = hidden;
        this.tokens = modalities.stream().mapToInt(m -> m.spec().tokensPerTrial()).sum();
        this.sessionEmbedding = sessionEmbedding;
        this.type = type;
        ParameterInit init = new ParameterInit(seed, type);
        for (ModalityBinding m : modalities) {
            add(ModalityGraphs.maskToken(m.name()), init.normal(ModalityGraphs.maskToken(m.name()), 0.02, hidden), false);
            add(ModalityGraphs.modalityEmbedding(m.name()),
                    init.normal(ModalityGraphs.modalityEmbedding(m.name()), 0.02, hidden), false);
        }
        if (sessionEmbedding) {
            add(ModalityGraphs.SESSION_EMBEDDING, init.normal(ModalityGraphs.SESSION_EMBEDDING, 0.02, sessions, hidden), true);
        }
    }

    private void add(String name, INDArray value, boolean perSession) {
        params.put(name, value);
        grads.put(name, Nd4j.create(type, value.shape()));
        parameters.add(new Parameter(name, true, perSession));
    }

    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    public INDArray parameter(String name) {
        return params.get(name);
    }

    public Map<String, INDArray> gradients() {
        return grads;
    }

    /**
     * @param raw     each modality's encoder tokens [B, T, H]
     * @param masks   each modality's {@code hidden} placeholder [B, T, 1]
     * @param session the one-hot session of each trial [B, S]
     * @return the assembled tokens [B, L, H] (a buffer reused while the batch size stays)
     */
    public INDArray forward(Map<String, INDArray> raw, Map<String, INDArray> masks, INDArray session) {
        int batch = (int) session.size(0);
        if (assembled == null || assembled.size(0) != batch) {
            assembled = Nd4j.create(type, batch, tokens, hidden);
            rawGradients.clear();
        }
        int[] sessions = sessionRows(session);
        DataBuffer x = assembled.data();
        DataBuffer table = sessionEmbedding ? params.get(ModalityGraphs.SESSION_EMBEDDING).data() : null;
        int offset = 0;
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            DataBuffer in = contiguous(raw.get(m.name())).data();
            DataBuffer hide = contiguous(masks.get(m.name())).data();
            DataBuffer mask = params.get(ModalityGraphs.maskToken(m.name())).data();
            DataBuffer embedding = params.get(ModalityGraphs.modalityEmbedding(m.name())).data();
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < t; k++) {
                    double h = hide.getDouble((long) b * t + k);
                    long src = ((long) b * t + k) * hidden;
                    long dst = ((long) b * tokens + offset + k) * hidden;
                    for (int j = 0; j < hidden; j++) {
                        double v = in.getDouble(src + j) * (1 - h) + h * mask.getDouble(j) + embedding.getDouble(j);
                        if (table != null) {
                            v += table.getDouble((long) sessions[b] * hidden + j);
                        }
                        x.put(dst + j, v);
                    }
                }
            }
            offset += t;
        }
        return assembled;
    }

    /**
     * Gradients of the assembly's parameters from {@code dx} [B, L, H], and the gradient of each
     * modality's encoder tokens (returned, [B, T, H] each).
     */
    public Map<String, INDArray> backward(INDArray dx, Map<String, INDArray> masks, INDArray session) {
        int batch = (int) session.size(0);
        int[] sessions = sessionRows(session);
        DataBuffer d = contiguous(dx).data();
        grads.values().forEach(g -> g.assign(0));
        int offset = 0;
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            INDArray rawGradient = rawGradients.computeIfAbsent(m.name(), k -> Nd4j.create(type, batch, t, hidden));
            DataBuffer out = rawGradient.data();
            DataBuffer hide = contiguous(masks.get(m.name())).data();
            DataBuffer dMask = grads.get(ModalityGraphs.maskToken(m.name())).data();
            DataBuffer dEmbedding = grads.get(ModalityGraphs.modalityEmbedding(m.name())).data();
            double[] maskSum = new double[hidden];
            double[] embeddingSum = new double[hidden];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < t; k++) {
                    double h = hide.getDouble((long) b * t + k);
                    long src = ((long) b * tokens + offset + k) * hidden;
                    long dst = ((long) b * t + k) * hidden;
                    for (int j = 0; j < hidden; j++) {
                        double g = d.getDouble(src + j);
                        out.put(dst + j, g * (1 - h));
                        maskSum[j] += h * g;
                        embeddingSum[j] += g;
                    }
                }
            }
            for (int j = 0; j < hidden; j++) {
                dMask.put(j, maskSum[j]);
                dEmbedding.put(j, embeddingSum[j]);
            }
            offset += t;
        }
        if (sessionEmbedding) {
            DataBuffer dTable = grads.get(ModalityGraphs.SESSION_EMBEDDING).data();
            for (int b = 0; b < batch; b++) {
                for (int l = 0; l < tokens; l++) {
                    long src = ((long) b * tokens + l) * hidden;
                    long dst = (long) sessions[b] * hidden;
                    for (int j = 0; j < hidden; j++) {
                        dTable.put(dst + j, dTable.getDouble(dst + j) + d.getDouble(src + j));
                    }
                }
            }
        }
        return rawGradients;
    }

    private static int[] sessionRows(INDArray oneHot) {
        int batch = (int) oneHot.size(0);
        int sessions = (int) oneHot.size(1);
        int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < sessions; s++) {
                if (oneHot.getDouble(b, s) != 0) {
                    rows[b] = s;
                }
            }
        }
        return rows;
    }

    private static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }
}
