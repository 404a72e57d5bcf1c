package org.nedsj.trainer.bench;

import org.nedsj.spi.ModalitySpec;

import java.util.List;

/**
 * The cost of a NEDS model counted on paper: floating-point operations per trial (matrix products,
 * two per multiply-add; backward twice the forward), parameters (as the fused engine lays them out:
 * per-session stitchers padded to the widest session) and the bytes a data-parallel step exchanges.
 * Element-wise work (norms, softmax, GELU, RoPE) is left out: it is a few percent of the products.
 *
 * @param hidden     hidden size
 * @param layers     transformer layers
 * @param heads      attention heads
 * @param mlp        MLP width
 * @param modalities the modalities of a trial (neural ones are stitched per session)
 * @param sessions   sessions the model holds (each its own stitcher and embedding)
 * @param widest     neurons of the widest session (every stitcher is padded to it)
 */
public record ScaleModel(int hidden, int layers, int heads, int mlp, List<ModalitySpec> modalities, int sessions, int widest) {

    private static final int FLOAT_BYTES = 4;

    public ScaleModel {
        modalities = List.copyOf(modalities);
    }

    /** Tokens in the transformer's sequence per trial: each modality's tokens, one per static modality. */
    public int tokens() {
        return modalities.stream().mapToInt(ModalitySpec::tokensPerTrial).sum();
    }

    /** Forward FLOPs of one trial of a session with {@code neurons} neurons. */
    public double forwardFlops(int neurons) {
        double t = tokens();
        double h = hidden;
        double projections = 2 * t * (4 * h * h + 2 * h * mlp);
        double attention = 2 * 2 * t * t * h;
        double codecs = 0;
        for (ModalitySpec m : modalities) {
            if (m.isNeural()) {
                codecs += 2 * 2.0 * m.tokensPerTrial() * neurons * h;
            } else if (!m.isStatic()) {
                codecs += 2 * 2.0 * m.tokensPerTrial() * h;
            } else {
                codecs += 2.0 * h * m.classes();
            }
        }
        return layers * (projections + attention) + codecs;
    }

    /** Training FLOPs of one trial: forward plus a backward of twice the forward. */
    public double trainingFlops(int neurons) {
        return 3 * forwardFlops(neurons);
    }

    /** Parameters of the transformer alone (layers and final norm), which every session shares. */
    public long backboneParameters() {
        long h = hidden;
        long perLayer = 4 * h * h + 2 * h * mlp + 9 * h + mlp;
        return layers * perLayer + 2 * h;
    }

    /** Every parameter: backbone, stitchers (padded to the widest session), codecs, embeddings. */
    public long parameters() {
        long h = hidden;
        long total = backboneParameters() + (long) sessions * h;
        int timeBins = 0;
        for (ModalitySpec m : modalities) {
            total += 2 * h;
            if (m.isNeural()) {
                total += (long) sessions * (widest * h + h) + (long) sessions * (h * widest + widest);
                timeBins = Math.max(timeBins, m.tokensPerTrial());
            } else if (!m.isStatic()) {
                total += (h + h) + (h + 1);
                timeBins = Math.max(timeBins, m.tokensPerTrial());
            } else {
                total += (long) m.classes() * h + h * m.classes() + m.classes();
            }
        }
        return total + (long) timeBins * h;
    }

    /**
     * Bytes of one trial's input as training reads it: spike counts one byte each (the memory-mapped
     * prepared arrays), behaviour values four (a static one counted as one value).
     */
    public long inputBytes(int neurons) {
        long bytes = 0;
        for (ModalitySpec m : modalities) {
            bytes += m.isNeural() ? (long) m.tokensPerTrial() * neurons : (long) FLOAT_BYTES * m.tokensPerTrial();
        }
        return bytes;
    }

    /**
     * Bytes of activations one trial keeps from forward to backward, in single precision: per layer
     * and token the normalised input, q, k, v, context, attention output and second normalised input
     * (7 × hidden) and the MLP's pre- and post-activation (2 × MLP), plus each head's attention
     * probabilities (tokens × tokens).
     */
    public long activationBytes() {
        long t = tokens();
        return FLOAT_BYTES * layers * (t * (7L * hidden + 2L * mlp) + (long) heads * t * t);
    }

    /** Bytes of the parameters in single precision; the gradient buffer has the same size. */
    public long parameterBytes() {
        return parameters() * FLOAT_BYTES;
    }

    /**
     * Bytes each device sends (and receives) to sum the gradient over {@code devices} devices with a
     * ring all-reduce: 2 (n − 1) / n of the gradient buffer, per optimiser step.
     */
    public double ringAllReduceBytes(int devices) {
        return devices <= 1 ? 0 : 2.0 * (devices - 1) / devices * parameterBytes();
    }
}
