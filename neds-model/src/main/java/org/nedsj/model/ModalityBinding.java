package org.nedsj.model;

import com.typesafe.config.Config;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalitySpec;

/**
 * A modality as the model uses it: its spec, the encoder and decoder plugins chosen for it (by
 * name, with the config section they were made from, so a saved model can make them again), and
 * its loss weight.
 */
public record ModalityBinding(ModalitySpec spec, String encoderName, ModalityEncoder encoder,
                              String decoderName, ModalityDecoder decoder, double lossWeight, Config section) {

    public String name() {
        return spec.name();
    }
}
