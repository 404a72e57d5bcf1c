package org.nedsj.spi;

/**
 * The sizes an array-level codec builds its parameters for.
 *
 * @param modality      the modality
 * @param hiddenSize    the transformer's hidden size H: encoders return and decoders receive {@code [B, tokens, H]}
 * @param width         width of the modality's values: the widest session (padding is zero); classes for a
 *                      static categorical modality
 * @param sessionWidths the modality's width in each session of the model's table (its length is the session count)
 */
public record CodecSizes(ModalitySpec modality, int hiddenSize, int width, int[] sessionWidths) {

    public CodecSizes {
        sessionWidths = sessionWidths.clone();
    }

    @Override
    public int[] sessionWidths() {
        return sessionWidths.clone();
    }

    public int sessionCount() {
        return sessionWidths.length;
    }
}
