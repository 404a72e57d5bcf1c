package org.nedsj.spi;

/**
 * The trials of one session, read without per-call allocation so batches can be filled into
 * reused buffers.
 */
public interface SessionData {

    SessionInfo info();

    int trialCount();

    /** Which split trial {@code trial} (0-based row of this session) belongs to. */
    Split split(int trial);

    /**
     * Copies one trial's values of {@code modality} into {@code dest}, starting at {@code offset}, as
     * {@code tokens} rows of {@code stride} floats ({@code stride} ≥ the session's width for that
     * modality; entries of a row past the width are left untouched). A static categorical modality
     * writes one float: its class index.
     */
    void copyTrial(String modality, int trial, float[] dest, int offset, int stride);

    /** Convenience: one trial as a {@link Trial} (allocates; not for the training loop). */
    default Trial trial(java.util.List<ModalitySpec> modalities, int trial) {
        var values = new java.util.LinkedHashMap<String, float[]>();
        for (ModalitySpec m : modalities) {
            int width = info().width(m);
            float[] v = new float[m.tokensPerTrial() * width];
            copyTrial(m.name(), trial, v, 0, width);
            values.put(m.name(), v);
        }
        return new Trial(info().id(), trial, split(trial), values);
    }

    /**
     * The ids of the neuron columns (e.g. spike-sorting cluster ids), when the source knows them:
     * evaluation checks them against the units a model was trained on.
     */
    default java.util.Optional<long[]> unitIds() {
        return java.util.Optional.empty();
    }

    /**
     * The brain region of each neuron column (e.g. an Allen CCF acronym, {@code unknown} where not recorded),
     * when the source knows them: the region analysis and per-region selection read them.
     */
    default java.util.Optional<java.util.List<String>> unitRegions() {
        return java.util.Optional.empty();
    }
}
