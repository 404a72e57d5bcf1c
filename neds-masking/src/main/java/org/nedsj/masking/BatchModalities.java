package org.nedsj.masking;

import java.util.List;
import org.nedsj.spi.ModalitySpec;

/**
 * A batch's modalities sorted the way masking needs them: temporal ones (several tokens, one per
 * time bin) and one-token ones (static: choice, block), and by role. Built once per plan.
 */
final class BatchModalities {

    private final List<ModalitySpec> all;
    private final String[] temporal;
    private final int[] temporalTokens;
    private final String[] oneToken;
    private final int maxTokens;

    BatchModalities(List<ModalitySpec> modalities) {
        this.all = modalities;
        int temporalCount = (int) modalities.stream().filter(BatchModalities::isTemporal).count();
        this.temporal = new String[temporalCount];
        this.temporalTokens = new int[temporalCount];
        this.oneToken = new String[modalities.size() - temporalCount];
        int t = 0;
        int o = 0;
        int max = 1;
        for (ModalitySpec m : modalities) {
            if (isTemporal(m)) {
                temporal[t] = m.name();
                temporalTokens[t++] = m.tokensPerTrial();
            } else {
                oneToken[o++] = m.name();
            }
            max = Math.max(max, m.tokensPerTrial());
        }
        this.maxTokens = max;
    }

    /**
     * A modality masked in time: more than one token. A static modality, or any modality with a
     * single token, follows the one-token rule of each scheme instead.
     */
    static boolean isTemporal(ModalitySpec m) {
        return !m.isStatic() && m.tokensPerTrial() > 1;
    }

    List<ModalitySpec> all() {
        return all;
    }

    int temporalCount() {
        return temporal.length;
    }

    String temporalName(int i) {
        return temporal[i];
    }

    int temporalTokens(int i) {
        return temporalTokens[i];
    }

    int oneTokenCount() {
        return oneToken.length;
    }

    String oneTokenName(int i) {
        return oneToken[i];
    }

    /** The most tokens any modality has: the length of the trial's time axis. */
    int maxTokens() {
        return maxTokens;
    }

    /**
     * Partial masking needs a trial of at least two tokens: with one token, hiding it hides the whole
     * trial, so nothing could ever be scored.
     */
    void requireMoreThanOneToken(String scheme, long batchIndex) {
        if (temporal.length == 0 && oneToken.length < 2) {
            throw new IllegalArgumentException("masking scheme '" + scheme + "' hides part of each trial, but the trials of batch "
                    + batchIndex + " have a single token (modalities " + names() + "), so nothing can be hidden"
                    + " without hiding everything. Add a modality to the data or use another scheme.");
        }
    }

    List<String> names() {
        return all.stream().map(ModalitySpec::name).toList();
    }

    List<String> names(ModalitySpec.Role role) {
        return all.stream().filter(m -> m.role() == role).map(ModalitySpec::name).toList();
    }
}
