package org.nedsj.spi;

import com.typesafe.config.Config;

/** Creates a {@link ModalityEncoder} for a modality. */
public interface ModalityEncoderFactory extends NamedFactory {

    /** Whether this encoder can embed modalities of this kind. */
    boolean supports(ModalitySpec modality);

    /**
     * @param modality the modality to embed
     * @param config   the modality's section, {@code model.modalities.<name>}
     */
    ModalityEncoder create(ModalitySpec modality, Config config);
}
