package org.nedsj.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.Parameter;
import org.nedsj.model.ParameterStore;
import org.nedsj.spi.SessionGroups;
import org.nedsj.model.graph.ModalityGraphs;
import org.nedsj.model.graph.ParameterInit;
import org.nedsj.model.graph.TokenLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the encoders' tokens together as the transformer reads them, and back-propagates through
 * that: each hidden token replaced by its modality's mask token, the modality embedding added to
 * every token, the session's embedding added to every token of a trial and, with the time embedding,
 * the embedding of its time bin to every token of a bin. The same function and
 * parameters (names, initial values) as the SameDiff graph's; here as plain loops, since it is a
 * handful of additions per element.
 */
public final class TokenAssembly {

    private final List<ModalityBinding> modalities;
    private final TokenLayout layout;
    private final int hidden;
    private final int tokens;
    private final boolean sessionEmbedding;
    private final int[] timeBins;
    private final DataType type;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, INDArray> grads = new LinkedHashMap<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final ParameterStore.Builder declared;
    private INDArray assembled;
    private final Map<String, INDArray> rawGradients = new LinkedHashMap<>();

    public TokenAssembly(List<ModalityBinding> modalities, TokenLayout layout, int hidden, int sessions,
                         boolean sessionEmbedding, boolean timeEmbedding, DataType type, long seed,
                         ParameterStore.Builder store) {
        this.declared = store;
        this.modalities = List.copyOf(modalities);
        this.layout = layout;
        this.hidden = hidden;
        this.tokens = layout.length();
        this.sessionEmbedding = sessionEmbedding;
        this.timeBins = timeEmbedding ? layout.timeBins() : null;
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
        if (timeEmbedding) {
            add(ModalityGraphs.TIME_EMBEDDING, init.normal(ModalityGraphs.TIME_EMBEDDING, 0.02,
                    layout.timeBinCount(), hidden), false);
        }
    }

    private void add(String name, INDArray value, boolean perSession) {
        Parameter p = new Parameter(name, true, perSession);
        declared.add(p, value);
        parameters.add(p);
    }

    /** Takes the views of its parameters and their gradients from the laid-out store. */
    public void attach(ParameterStore store) {
        for (Parameter p : parameters) {
            params.put(p.name(), store.value(p.name()));
            grads.put(p.name(), store.gradient(p.name()));
        }
    }

    /**
     * A repeated static modality's one encoder token (and its mask flag) fills each of its sequence
     * tokens; every other modality's tokens map one to one.
     *
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
        int[] sessions = SessionGroups.sessionOfTrial(session);
        Rows x = new Rows(assembled, hidden);
        double[][] table = sessionEmbedding ? rows(params.get(ModalityGraphs.SESSION_EMBEDDING)) : null;
        double[][] time = timeBins != null ? rows(params.get(ModalityGraphs.TIME_EMBEDDING)) : null;
        double[] row = new double[hidden];
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            int n = layout.tokens(m.name());
            int offset = layout.offset(m.name());
            Rows in = new Rows(raw.get(m.name()), hidden);
            Rows hide = new Rows(masks.get(m.name()), 1);
            double[] mask = rows(params.get(ModalityGraphs.maskToken(m.name())))[0];
            double[] embedding = rows(params.get(ModalityGraphs.modalityEmbedding(m.name())))[0];
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < n; k++) {
                    int source = n == t ? k : 0;
                    double h = hide.get((long) b * t + source);
                    in.get(((long) b * t + source) * hidden, row);
                    double[] bin = time != null && timeBins[offset + k] >= 0 ? time[timeBins[offset + k]] : null;
                    for (int j = 0; j < hidden; j++) {
                        row[j] = row[j] * (1 - h) + h * mask[j] + embedding[j] + (table != null ? table[sessions[b]][j] : 0)
                                + (bin != null ? bin[j] : 0);
                    }
                    x.put(((long) b * tokens + offset + k) * hidden, row);
                }
            }
        }
        return assembled;
    }

    /**
     * Gradients of the assembly's parameters from {@code dx} [B, L, H], and the gradient of each
     * modality's encoder tokens (returned, [B, T, H] each).
     */
    public Map<String, INDArray> backward(INDArray dx, Map<String, INDArray> masks, INDArray session) {
        int batch = (int) session.size(0);
        int[] sessions = SessionGroups.sessionOfTrial(session);
        Rows d = new Rows(dx, hidden);
        double[] row = new double[hidden];
        double[][] tableSum = new double[sessionEmbedding ? (int) params.get(ModalityGraphs.SESSION_EMBEDDING).size(0) : 0][hidden];
        double[][] timeSum = new double[timeBins != null ? (int) params.get(ModalityGraphs.TIME_EMBEDDING).size(0) : 0][hidden];
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            int n = layout.tokens(m.name());
            int offset = layout.offset(m.name());
            INDArray rawGradient = rawGradients.computeIfAbsent(m.name(), k -> Nd4j.create(type, batch, t, hidden));
            Rows out = new Rows(rawGradient, hidden);
            Rows hide = new Rows(masks.get(m.name()), 1);
            double[] maskSum = new double[hidden];
            double[] embeddingSum = new double[hidden];
            double[] copies = new double[hidden];
            for (int b = 0; b < batch; b++) {
                Arrays.fill(copies, 0);
                for (int k = 0; k < n; k++) {
                    int source = n == t ? k : 0;
                    double h = hide.get((long) b * t + source);
                    d.get(((long) b * tokens + offset + k) * hidden, row);
                    double[] bin = timeBins != null && timeBins[offset + k] >= 0 ? timeSum[timeBins[offset + k]] : null;
                    for (int j = 0; j < hidden; j++) {
                        maskSum[j] += h * row[j];
                        embeddingSum[j] += row[j];
                        if (sessionEmbedding) {
                            tableSum[sessions[b]][j] += row[j];
                        }
                        if (bin != null) {
                            bin[j] += row[j];
                        }
                        row[j] *= 1 - h;
                    }
                    if (n == t) {
                        out.put(((long) b * t + k) * hidden, row);
                    } else {
                        for (int j = 0; j < hidden; j++) {
                            copies[j] += row[j];
                        }
                    }
                }
                if (n != t) {
                    out.put((long) b * t * hidden, copies);
                }
            }
            assign(grads.get(ModalityGraphs.maskToken(m.name())), new double[][]{maskSum});
            assign(grads.get(ModalityGraphs.modalityEmbedding(m.name())), new double[][]{embeddingSum});
        }
        if (sessionEmbedding) {
            assign(grads.get(ModalityGraphs.SESSION_EMBEDDING), tableSum);
        }
        if (timeBins != null) {
            assign(grads.get(ModalityGraphs.TIME_EMBEDDING), timeSum);
        }
        return rawGradients;
    }

    /** A parameter's values as rows of width H. */
    private double[][] rows(INDArray parameter) {
        int n = (int) (parameter.length() / hidden);
        Rows access = new Rows(parameter, hidden);
        double[][] out = new double[n][hidden];
        for (int i = 0; i < n; i++) {
            access.get((long) i * hidden, out[i]);
        }
        return out;
    }

    private void assign(INDArray target, double[][] values) {
        Rows access = new Rows(target, hidden);
        for (int i = 0; i < values.length; i++) {
            access.put((long) i * hidden, values[i]);
        }
    }

}
