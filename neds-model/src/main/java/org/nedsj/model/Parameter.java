package org.nedsj.model;

/**
 * A trainable array of the model.
 *
 * @param name       the SameDiff variable name, e.g. {@code layer0/attn/wq} or {@code spikes/stitch_w}
 * @param decayed    whether decoupled weight decay applies (not for biases and norm gains)
 * @param perSession whether the first axis is the session table (rows belong to sessions)
 */
public record Parameter(String name, boolean decayed, boolean perSession) {
}
