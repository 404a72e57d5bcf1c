package org.nedsj.lfp;

import com.typesafe.config.Config;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityDecoderFactory;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalityEncoderFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NedsPlugin;

import java.util.List;

/**
 * LFP band power, built as a lab builds a modality: the {@code prepared-lfp} data source (a prepared ALF dataset
 * plus band power from the raw LFP), the {@code lfp-stitched} encoder and the {@code lfp-mse} decoder.
 */
public final class LfpPlugin implements NedsPlugin {

    @Override
    public String name() {
        return "lfp";
    }

    @Override
    public List<DataSourceFactory> dataSources() {
        return List.of(new LfpSourceFactory());
    }

    @Override
    public List<ModalityEncoderFactory> modalityEncoders() {
        return List.of(new ModalityEncoderFactory() {
            @Override
            public String name() {
                return "lfp-stitched";
            }

            @Override
            public String description() {
                return "per-session linear map from channel × band power to a token per bin";
            }

            @Override
            public boolean supports(ModalitySpec m) {
                return isBandPower(m);
            }

            @Override
            public ModalityEncoder create(ModalitySpec m, Config section) {
                return new LfpStitchEncoder();
            }
        });
    }

    @Override
    public List<ModalityDecoderFactory> modalityDecoders() {
        return List.of(new ModalityDecoderFactory() {
            @Override
            public String name() {
                return "lfp-mse";
            }

            @Override
            public String description() {
                return "per-session linear read-out of channel × band power per bin; mean squared error";
            }

            @Override
            public boolean supports(ModalitySpec m) {
                return isBandPower(m);
            }

            @Override
            public ModalityDecoder create(ModalitySpec m, Config section) {
                return new LfpStitchDecoder();
            }
        });
    }

    /** Neural, continuous, one width per session: what these codecs are built for. */
    static boolean isBandPower(ModalitySpec m) {
        return m.isNeural() && m.kind() == ModalitySpec.Kind.DYNAMIC_CONTINUOUS && m.perSessionWidth();
    }
}
