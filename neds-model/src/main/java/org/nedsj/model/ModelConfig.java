package org.nedsj.model;

import com.typesafe.config.Config;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nedsj.model.graph.TokenLayout;

/**
 * Sizes and switches of the NEDS model, read from the experiment's {@code model} section.
 *
 * @param hidden           hidden size H of every token
 * @param layers           transformer layers
 * @param heads            attention heads (H must divide by it, and H/heads must be even for RoPE)
 * @param mlp              inner width of each layer's GELU MLP
 * @param norm             {@code layer} (LayerNorm) or {@code scale} (ScaleNorm)
 * @param dropout          dropout on attention and MLP outputs during training
 * @param embedDropout     dropout on the assembled tokens during training
 * @param sessionEmbedding whether a learned per-session embedding is added to every token
 * @param ropeBase         base of the rotary frequencies
 * @param staticPosition   the RoPE position of one-token (static) modalities
 * @param normEpsilon      epsilon of LayerNorm and ScaleNorm (PyTorch's LayerNorm default: 1e-5)
 * @param dataType         FLOAT for training; DOUBLE for gradient checks
 * @param engine           {@code fused} (hand-differentiated backbone, fast) or {@code samediff} (one SameDiff graph)
 * @param timeEmbedding    whether a learned embedding of the time bin, shared by every modality, is added to each
 *                         token of that bin (static tokens get none)
 * @param timeBias         whether attention scores get the fixed {@link org.nedsj.model.graph.TimeBias} by time distance
 * @param staticTokens     tokens of each static modality in the sequence: 1 (one token at the static position) or
 *                         N &gt; 1 (repeated at N bins over the trial, read out as their mean; see
 *                         {@link TokenLayout})
 * @param staticReadout    what a static modality's head reads: {@link #OWN_TOKENS} (the mean of its own token
 *                         or copies), {@link #WHOLE_TRIAL} (the mean of every token of the trial's sequence) or
 *                         {@link #NEURAL_TOKENS} (the mean of the neural modalities' tokens)
 */
public record ModelConfig(int hidden, int layers, int heads, int mlp, String norm, double dropout,
                          double embedDropout, boolean sessionEmbedding, double ropeBase, int staticPosition,
                          double normEpsilon, DataType dataType, String engine, boolean timeEmbedding,
                          boolean timeBias, int staticTokens, String staticReadout) {

    /** The default engine. */
    public static final String FUSED = "fused";
    public static final String SAMEDIFF = "samediff";
    /** A static modality's head reads the mean of its own token(s). */
    public static final String OWN_TOKENS = "own";
    /** A static modality's head reads the mean of every token of the trial. */
    public static final String WHOLE_TRIAL = "trial";
    /** A static modality's head reads the mean of the neural modalities' tokens of the trial. */
    public static final String NEURAL_TOKENS = "neural";

    /** With the static heads on their own tokens (the model as it was before {@code model.static-readout}). */
    public ModelConfig(int hidden, int layers, int heads, int mlp, String norm, double dropout, double embedDropout,
                       boolean sessionEmbedding, double ropeBase, int staticPosition, double normEpsilon, DataType dataType,
                       String engine, boolean timeEmbedding, boolean timeBias, int staticTokens) {
        this(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase, staticPosition,
                normEpsilon, dataType, engine, timeEmbedding, timeBias, staticTokens, OWN_TOKENS);
    }

    public ModelConfig(int hidden, int layers, int heads, int mlp, String norm, double dropout, double embedDropout,
                       boolean sessionEmbedding, double ropeBase, int staticPosition, double normEpsilon, DataType dataType) {
        this(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase, staticPosition,
                normEpsilon, dataType, FUSED);
    }

    /** Without the time embedding and time bias (the model as it was before {@code model.time-embedding}, {@code model.time-bias}). */
    public ModelConfig(int hidden, int layers, int heads, int mlp, String norm, double dropout, double embedDropout,
                       boolean sessionEmbedding, double ropeBase, int staticPosition, double normEpsilon, DataType dataType,
                       String engine) {
        this(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase, staticPosition,
                normEpsilon, dataType, engine, false, false);
    }

    /** With one token per static modality (the model as it was before {@code model.static-tokens}). */
    public ModelConfig(int hidden, int layers, int heads, int mlp, String norm, double dropout, double embedDropout,
                       boolean sessionEmbedding, double ropeBase, int staticPosition, double normEpsilon, DataType dataType,
                       String engine, boolean timeEmbedding, boolean timeBias) {
        this(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase, staticPosition,
                normEpsilon, dataType, engine, timeEmbedding, timeBias, 1);
    }

    public ModelConfig {
        if (hidden < 2 || layers < 1 || heads < 1 || mlp < 1) {
            throw new IllegalArgumentException("model sizes must be positive: hidden " + hidden + ", layers " + layers
                    + ", heads " + heads + ", mlp " + mlp);
        }
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("model.hidden (" + hidden + ") must divide into model.heads (" + heads
                    + ") heads of even size, for rotary embeddings");
        }
        if (!norm.equals("layer") && !norm.equals("scale")) {
            throw new IllegalArgumentException("model.norm = '" + norm + "': use 'layer' (LayerNorm) or 'scale' (ScaleNorm)");
        }
        if (!engine.equals(FUSED) && !engine.equals(SAMEDIFF)) {
            throw new IllegalArgumentException("model.engine = '" + engine + "': use 'fused' or 'samediff'");
        }
        if (!(dropout >= 0 && dropout < 1 && embedDropout >= 0 && embedDropout < 1)) {
            throw new IllegalArgumentException("model.dropout (" + dropout + ") and model.embed-dropout (" + embedDropout
                    + ") must lie in [0, 1)");
        }
        if (!(Double.isFinite(ropeBase) && ropeBase > 1 && Double.isFinite(normEpsilon) && normEpsilon > 0)) {
            throw new IllegalArgumentException("model.rope-base (" + ropeBase + ") must be a finite number above 1 and "
                    + "model.norm-epsilon (" + normEpsilon + ") a finite number above 0");
        }
        if (staticTokens < 1) {
            throw new IllegalArgumentException("model.static-tokens = " + staticTokens
                    + ": use 1 (one token per static modality) up to the trial's bin count");
        }
        readout(staticReadout);
    }

    /** Reads the {@code model} section: sizes from {@code model.presets.<model.preset>}, the rest directly. */
    public static ModelConfig from(Config model) {
        String preset = model.getString("preset");
        if (!model.hasPath("presets." + preset)) {
            throw new IllegalArgumentException("model.preset = '" + preset + "': no such preset; available: "
                    + model.getConfig("presets").root().keySet());
        }
        Config size = model.getConfig("presets." + preset);
        return new ModelConfig(size.getInt("hidden"), size.getInt("layers"), size.getInt("heads"), size.getInt("mlp"),
                model.getString("norm"), model.getDouble("dropout"), model.getDouble("embed-dropout"),
                model.getBoolean("session-embedding"), model.getDouble("rope-base"), model.getInt("static-position"),
                model.getDouble("norm-epsilon"), DataType.FLOAT, model.getString("engine"), model.getBoolean("time-embedding"),
                model.getBoolean("time-bias"), model.getInt("static-tokens"), model.getString("static-readout"));
    }

    public ModelConfig withTimeEmbedding(boolean on) {
        return new ModelConfig(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase,
                staticPosition, normEpsilon, dataType, engine, on, timeBias, staticTokens, staticReadout);
    }

    public ModelConfig withTimeBias(boolean on) {
        return new ModelConfig(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase,
                staticPosition, normEpsilon, dataType, engine, timeEmbedding, on, staticTokens, staticReadout);
    }

    public ModelConfig withStaticTokens(int n) {
        return new ModelConfig(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase,
                staticPosition, normEpsilon, dataType, engine, timeEmbedding, timeBias, n, staticReadout);
    }

    public ModelConfig withStaticReadout(String readout) {
        return new ModelConfig(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase,
                staticPosition, normEpsilon, dataType, engine, timeEmbedding, timeBias, staticTokens, readout);
    }

    /** Where every modality's tokens sit in the transformer's sequence under this configuration. */
    public TokenLayout layout(List<ModalityBinding> modalities) {
        return TokenLayout.of(modalities, staticPosition, staticTokens, readout(staticReadout));
    }

    /** The layout's readout named by {@code model.static-readout}; refuses any other name. */
    private static TokenLayout.Readout readout(String name) {
        return switch (String.valueOf(name)) {
            case OWN_TOKENS -> TokenLayout.Readout.OWN;
            case WHOLE_TRIAL -> TokenLayout.Readout.TRIAL;
            case NEURAL_TOKENS -> TokenLayout.Readout.NEURAL;
            default -> throw new IllegalArgumentException("model.static-readout = '" + name + "': use '" + OWN_TOKENS
                    + "' (a static modality's own tokens), '" + WHOLE_TRIAL + "' (every token of the trial) or '"
                    + NEURAL_TOKENS + "' (the neural modalities' tokens of the trial)");
        };
    }

    public int headSize() {
        return hidden / heads;
    }

    public ModelConfig withDataType(DataType type) {
        return new ModelConfig(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase,
                staticPosition, normEpsilon, type, engine, timeEmbedding, timeBias, staticTokens, staticReadout);
    }

    public ModelConfig withEngine(String name) {
        return new ModelConfig(hidden, layers, heads, mlp, norm, dropout, embedDropout, sessionEmbedding, ropeBase,
                staticPosition, normEpsilon, dataType, name, timeEmbedding, timeBias, staticTokens, staticReadout);
    }
}
