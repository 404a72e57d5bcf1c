package org.nedsj.model;

/**
 * A trainable array of the model, as its {@link ParameterStore} knows it.
 *
 * @param name       the full name, e.g. {@code layer0/attn/qkv/w} or {@code spikes/stitch_w} (a codec's
 *                   parameters under their modality)
 * @param decayed    whether decoupled weight decay applies (not for biases and norm gains)
 * @param perSession whether the first axis is the session table (rows belong to sessions)
 */
public record Parameter(String name, boolean decayed, boolean perSession) {
}
