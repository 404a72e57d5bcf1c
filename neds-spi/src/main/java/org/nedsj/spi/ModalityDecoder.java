package org.nedsj.spi;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Reads one modality back out of the transformer's output and scores it.
 *
 * <p>Predictions follow the modality kind: log firing rates {@code [B, tokens, width]} for neural
 * counts, values {@code [B, tokens, width]} for continuous modalities, logits {@code [B, classes]}
 * for static categorical ones. Evaluation relies on these conventions.
 */
public interface ModalityDecoder {

    /**
     * @param graph  the graph under construction, scoped to this modality
     * @param hidden the final hidden states of this modality's tokens, {@code [B, tokens, H]}
     */
    SDVariable predict(TokenGraph graph, SDVariable hidden);

    /**
     * The mean loss over target tokens (and, for per-session widths, over the session's real
     * columns only), a scalar; zero when there is no target.
     *
     * @param truth  the true values, shaped as the encoder's input
     * @param target {@code [B, tokens]}: 1 where the token is a loss target
     */
    SDVariable loss(TokenGraph graph, SDVariable prediction, SDVariable truth, SDVariable target);

    /**
     * Starting values of this decoder's per-session parameters from one session's training data, so a
     * session starts at its data's scale rather than a constant: a count decoder starts each neuron's
     * bias at its mean log rate, which it would otherwise have to learn from a few hundred steps of
     * that session's batches. Keys are the names given to {@code TokenGraph.sessionBias} or
     * {@code sessionWeight}; each value is the session's row, flattened (a prefix of it is enough).
     * The default keeps the initialisation.
     *
     * @param channelMeans the mean of each of the session's channels (neurons) over the tokens of its
     *                     training trials
     */
    default java.util.Map<String, float[]> sessionStart(double[] channelMeans) {
        return java.util.Map.of();
    }
}
