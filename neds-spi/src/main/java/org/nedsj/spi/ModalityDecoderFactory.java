package org.nedsj.spi;

import com.typesafe.config.Config;

/** Creates a {@link ModalityDecoder} for a modality. */
public interface ModalityDecoderFactory extends NamedFactory {

    /** Whether this decoder can predict modalities of this kind. */
    boolean supports(ModalitySpec modality);

    /**
     * @param modality the modality to predict
     * @param config   the modality's section, {@code model.modalities.<name>}
     */
    ModalityDecoder create(ModalitySpec modality, Config config);
}
