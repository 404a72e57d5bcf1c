package org.nedsj.model.modality;

import java.util.Arrays;

/** What the per-session readout a class head fits after training reads ({@code model.modalities.<name>.fit-reads}). */
enum FittedReadout {

    /** Offsets on the head input, added to the shared head's logits. */
    HEAD("head"),
    /** Offsets on the head input and on the mean of the input tokens it pooled, added to the shared head's logits. */
    HEAD_AND_INPUT_TOKENS("head-and-input-tokens"),
    /** The session's own logistic regression on the mean of the input tokens, in place of the shared head. */
    INPUT_TOKENS("input-tokens");

    private final String configName;

    FittedReadout(String configName) {
        this.configName = configName;
    }

    String configName() {
        return configName;
    }

    boolean readsInputTokens() {
        return this != HEAD;
    }

    /** The readout named by {@code model.modalities.<modality>.fit-reads}; refuses any other name, naming the key. */
    static FittedReadout named(String modality, String name) {
        for (FittedReadout r : values()) {
            if (r.configName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("model.modalities." + modality + ".fit-reads = '" + name + "': use one of "
                + Arrays.stream(values()).map(FittedReadout::configName).toList());
    }
}
