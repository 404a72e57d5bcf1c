package org.nedsj.spi;

import java.util.List;

/**
 * Trial-aligned multimodal recordings of one or more sessions.
 *
 * <p>Every session offers every modality in {@link #modalities()}; modalities of per-session width
 * (neurons) take their width from {@link SessionInfo#width(ModalitySpec)}.
 */
public interface DataSource extends AutoCloseable {

    /** The modalities every session of this source provides, in a stable order. */
    List<ModalitySpec> modalities();

    /** The sessions in a stable order. */
    List<SessionInfo> sessions();

    /** The trials of one session. @throws IllegalArgumentException for an unknown id */
    SessionData session(String sessionId);

    /** A digest of the inputs and preprocessing, recorded with every run for reproducibility. */
    String fingerprint();

    @Override
    default void close() {
    }
}
