package org.nedsj.model.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ModalityBinding;
import org.nedsj.spi.ModalitySpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The modality ends of the graph, shared by both engines: encoders to tokens (with mask token,
 * modality and session embeddings), and backbone output to decoder predictions and masked losses.
 *
 * <p>Placeholders per modality m: {@code m/values} [B, T, W] (categorical: [B, 1, C] one-hot),
 * {@code m/hidden} [B, T, 1] and {@code m/target} [B, T]. Outputs: {@code m/prediction},
 * {@code m/loss} and {@code loss}, the weighted total.
 */
public final class ModalityGraphs {

    public static final String LOSS = "loss";

    private ModalityGraphs() {
    }

    /** The name of the time-embedding table [bins, H]. */
    public static final String TIME_EMBEDDING = "time_embedding";

    /** All modalities' tokens, [B, L, H], with the session (and time) embeddings added; records each values width. */
    public static SDVariable tokens(GraphParts parts, List<ModalityBinding> modalities, Map<String, Integer> widths) {
        SameDiff sd = parts.sd();
        List<SDVariable> tokens = new ArrayList<>();
        TokenLayout layout = parts.config().layout(modalities);
        for (ModalityBinding m : modalities) {
            tokens.add(repeat(sd, embed(parts, m, encoderTokens(parts, m, widths)), layout.tokens(m.name()),
                    layout.repeated(m.name())));
        }
        SDVariable x = tokens.size() == 1 ? tokens.get(0) : sd.concat(1, tokens.toArray(new SDVariable[0]));
        if (parts.config().sessionEmbedding()) {
            SDVariable table = parts.sessionNormal(SESSION_EMBEDDING, 0.02, parts.config().hidden());
            x = x.add(sd.expandDims(parts.forSession(table), 1));
        }
        if (parts.config().timeEmbedding()) {
            x = x.add(sd.expandDims(timeEmbedding(parts, layout), 0));
        }
        return x;
    }

    /** Each token's row of the time-embedding table, [L, H], by a constant one-hot selection × the table. */
    private static SDVariable timeEmbedding(GraphParts parts, TokenLayout layout) {
        int[] bins = layout.timeBins();
        int rows = layout.timeBinCount();
        SDVariable table = parts.normal(TIME_EMBEDDING, 0.02, rows, parts.config().hidden());
        INDArray select = Nd4j.create(parts.type(), bins.length, rows);
        for (int l = 0; l < bins.length; l++) {
            if (bins[l] >= 0) {
                select.putScalar(l, bins[l], 1.0);
            }
        }
        return parts.sd().constant("time_selection", select).mmul(table);
    }

    /** A static modality's one token [B, 1, H] as {@code n} copies [B, n, H] when it is repeated. */
    private static SDVariable repeat(SameDiff sd, SDVariable token, int n, boolean repeated) {
        if (!repeated) {
            return token;
        }
        SDVariable[] copies = new SDVariable[n];
        Arrays.fill(copies, token);
        return sd.concat(1, copies);
    }

    /** The name of the per-session embedding table [S, H]. */
    public static final String SESSION_EMBEDDING = "session_embedding";

    public static String maskToken(String modality) {
        return modality + "/mask_token";
    }

    public static String modalityEmbedding(String modality) {
        return modality + "/modality_embedding";
    }

    /** The encoder plugin's tokens [B, T, H] of one modality, from its {@code m/values} placeholder. */
    public static SDVariable encoderTokens(GraphParts parts, ModalityBinding m, Map<String, Integer> widths) {
        ModalityScope scope = new ModalityScope(parts, m.spec());
        widths.put(m.name(), scope.width());
        ModalitySpec spec = m.spec();
        long inputWidth = spec.isStatic() ? spec.classes() : scope.width();
        SDVariable values = parts.sd().placeHolder(values(spec.name()), parts.type(), -1, spec.tokensPerTrial(), inputWidth);
        return m.encoder().embed(scope, values);
    }

    /** Mask token where the plan hides a token, then the modality embedding. */
    private static SDVariable embed(GraphParts parts, ModalityBinding m, SDVariable tokens) {
        SameDiff sd = parts.sd();
        ModalitySpec spec = m.spec();
        SDVariable hidden = sd.placeHolder(hidden(spec.name()), parts.type(), -1, spec.tokensPerTrial(), 1);
        SDVariable maskToken = parts.normal(maskToken(spec.name()), 0.02, parts.config().hidden());
        SDVariable embedding = parts.normal(modalityEmbedding(spec.name()), 0.02, parts.config().hidden());
        // a hidden token is replaced by the mask token: tokens + hidden·(mask − tokens)
        SDVariable masked = tokens.add(hidden.mul(tokens.rsub(maskToken)));
        return masked.add(embedding);
    }

    /**
     * Decoders on the backbone output {@code out} [B, L, H]: predictions and masked losses per
     * modality, and the weighted total {@link #LOSS}, set as the graph's loss.
     */
    public static SDVariable heads(GraphParts parts, List<ModalityBinding> modalities, SDVariable out) {
        SameDiff sd = parts.sd();
        int hidden = parts.config().hidden();
        TokenLayout layout = parts.config().layout(modalities);
        return heads(parts, modalities, m -> {
            int start = layout.readOffset(m.name());
            SDVariable own = sd.stridedSlice(out, new long[]{0, start, 0}, new long[]{0, start + layout.readTokens(m.name()), hidden},
                    new long[]{1, 1, 1}, 0b101, 0b101, 0, 0, 0);
            // a pooled static modality is read out from the mean of its copies or of the whole trial, [B, 1, H] as its
            // decoder expects
            return layout.pooled(m.name()) ? own.mean(true, 1) : own;
        });
    }

    /** Decoders on each modality's own slice of the backbone output, {@code ownOutput(m)} [B, T, H]. */
    public static SDVariable heads(GraphParts parts, List<ModalityBinding> modalities,
                                   java.util.function.Function<ModalityBinding, SDVariable> ownOutput) {
        SameDiff sd = parts.sd();
        SDVariable total = null;
        for (ModalityBinding m : modalities) {
            int t = m.spec().tokensPerTrial();
            SDVariable own = ownOutput.apply(m);
            ModalityScope scope = new ModalityScope(parts, m.spec());
            SDVariable values = sd.hasVariable(values(m.name())) ? sd.getVariable(values(m.name()))
                    : sd.placeHolder(values(m.name()), parts.type(), -1, t, m.spec().isStatic() ? m.spec().classes() : scope.width());
            SDVariable target = sd.placeHolder(target(m.name()), parts.type(), -1, t);
            SDVariable prediction = sd.identity(prediction(m.name()), m.decoder().predict(scope, own));
            SDVariable loss = sd.identity(loss(m.name()), m.decoder().loss(scope, prediction, values, target));
            SDVariable weighted = loss.mul(m.lossWeight());
            total = total == null ? weighted : total.add(weighted);
        }
        SDVariable result = sd.identity(LOSS, total);
        sd.setLossVariables(LOSS);
        return result;
    }

    public static String values(String modality) {
        return modality + "/values";
    }

    public static String hidden(String modality) {
        return modality + "/hidden";
    }

    public static String target(String modality) {
        return modality + "/target";
    }

    public static String prediction(String modality) {
        return modality + "/prediction";
    }

    public static String loss(String modality) {
        return modality + "/loss";
    }
}
