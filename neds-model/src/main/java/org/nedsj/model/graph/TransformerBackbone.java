package org.nedsj.model.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nedsj.model.ModelConfig;

/**
 * The shared pre-norm transformer encoder: per layer, x + Attention(Norm(x)) then x + MLP(Norm(x)),
 * with rotary positions on queries and keys and a final norm. Rows are [B·L, H].
 */
public final class TransformerBackbone {

    private final GraphParts parts;
    private final ModelConfig config;
    private final RotaryEmbedding rope;
    private final int tokens;
    private final SDVariable timeBias;

    /** @param timeBins each token's time bin (−1 for none), for the {@link TimeBias} */
    public TransformerBackbone(GraphParts parts, int[] positions, int[] timeBins) {
        this.parts = parts;
        this.config = parts.config();
        this.tokens = positions.length;
        this.rope = new RotaryEmbedding(parts, positions);
        this.timeBias = config.timeBias() ? biasConstant(timeBins) : null;
    }

    /** The bias as a constant [1, heads, L, L]. */
    private SDVariable biasConstant(int[] timeBins) {
        float[][] table = TimeBias.table(timeBins, config.heads());
        org.nd4j.linalg.api.ndarray.INDArray bias = org.nd4j.linalg.factory.Nd4j.create(parts.type(), 1, config.heads(), tokens, tokens);
        for (int h = 0; h < table.length; h++) {
            for (int i = 0; i < table[h].length; i++) {
                bias.putScalar(new long[]{0, h, i / tokens, i % tokens}, table[h][i]);
            }
        }
        return sd().constant("time_bias", bias);
    }

    public SDVariable apply(SDVariable x) {
        for (int i = 0; i < config.layers(); i++) {
            String p = "layer" + i + "/";
            x = x.add(parts.dropout(attention(p + "attn/", norm(p + "norm1/", x)), config.dropout()));
            x = x.add(parts.dropout(mlp(p + "mlp/", norm(p + "norm2/", x)), config.dropout()));
        }
        return norm("final_norm/", x);
    }

    private SDVariable attention(String p, SDVariable h) {
        int hidden = config.hidden();
        int heads = config.heads();
        int d = config.headSize();
        SDVariable qkv = linear(p + "qkv", h, hidden, 3 * hidden);
        SDVariable q = rope.apply(columns(qkv, 0, hidden));
        SDVariable k = rope.apply(columns(qkv, hidden, 2 * hidden));
        SDVariable v = columns(qkv, 2 * hidden, 3 * hidden);
        SDVariable scores = sd().mmul(heads(q), heads(k), false, true, false).mul(1.0 / Math.sqrt(d));
        if (timeBias != null) {
            scores = scores.add(timeBias);
        }
        SDVariable weights = sd().nn.softmax(scores, 3);
        SDVariable context = sd().mmul(weights, heads(v));
        SDVariable merged = context.permute(0, 2, 1, 3).reshape(-1, hidden);
        return linear(p + "out", merged, hidden, hidden);
    }

    private SDVariable columns(SDVariable x, int from, int to) {
        return sd().stridedSlice(x, new long[]{0, from}, new long[]{0, to}, new long[]{1, 1}, 0b01, 0b01, 0, 0, 0);
    }

    /** [B·L, H] → [B, heads, L, d]. */
    private SDVariable heads(SDVariable x) {
        return x.reshape(-1, tokens, config.heads(), config.headSize()).permute(0, 2, 1, 3);
    }

    private SDVariable mlp(String p, SDVariable h) {
        SDVariable inner = sd().nn.gelu(linear(p + "fc1", h, config.hidden(), config.mlp()));
        return linear(p + "fc2", inner, config.mlp(), config.hidden());
    }

    private SDVariable linear(String name, SDVariable x, int in, int out) {
        SDVariable w = parts.weight(name + "/w", in, in, out);
        SDVariable b = parts.bias(name + "/b", 0, out);
        return x.mmul(w).add(b);
    }

    private SDVariable norm(String p, SDVariable x) {
        int hidden = config.hidden();
        if (config.norm().equals("scale")) {
            SDVariable g = parts.bias(p + "scale", Math.sqrt(hidden), 1);
            SDVariable length = sd().math.sqrt(x.mul(x).sum(true, 1).add(config.normEpsilon()));
            return x.mul(g).div(length);
        }
        SDVariable gain = parts.bias(p + "gain", 1, hidden);
        SDVariable bias = parts.bias(p + "bias", 0, hidden);
        // written out rather than sd.nn.layerNorm, whose epsilon is fixed: (x − mean)/√(var + ε)·gain + bias
        SDVariable centred = x.sub(x.mean(true, 1));
        SDVariable variance = centred.mul(centred).mean(true, 1);
        return centred.mul(sd().math.rsqrt(variance.add(config.normEpsilon()))).mul(gain).add(bias);
    }

    private SameDiff sd() {
        return parts.sd();
    }
}
