package org.nedsj.spi;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Turns one modality's values into tokens. The model adds the mask token (where the masking plan
 * hides a token), the modality embedding and the session embedding afterwards.
 */
public interface ModalityEncoder {

    /**
     * @param graph  the graph under construction, scoped to this modality
     * @param values {@code [B, tokens, width]} for continuous and count modalities; for a static
     *               categorical modality {@code [B, 1, classes]} one-hot
     * @return tokens {@code [B, tokens, H]}
     */
    SDVariable embed(TokenGraph graph, SDVariable values);
}
