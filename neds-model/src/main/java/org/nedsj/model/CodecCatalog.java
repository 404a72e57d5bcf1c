package org.nedsj.model;

import com.typesafe.config.Config;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalitySpec;

/** Makes encoders and decoders by plugin name; the trainer backs it with the plugin registry. */
public interface CodecCatalog {

    ModalityEncoder encoder(String name, ModalitySpec modality, Config section);

    ModalityDecoder decoder(String name, ModalitySpec modality, Config section);

    /** Binds a modality with the encoder, decoder and loss weight named in its config section. */
    default ModalityBinding bind(ModalitySpec modality, Config section) {
        String enc = section.getString("encoder");
        String dec = section.getString("decoder");
        return new ModalityBinding(modality, enc, encoder(enc, modality, section), dec, decoder(dec, modality, section),
                section.getDouble("weight"), section);
    }
}
