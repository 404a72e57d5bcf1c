package org.nedsj.model.modality;

import com.typesafe.config.Config;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityDecoderFactory;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalityEncoderFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ModalitySpec.Kind;
import org.nedsj.spi.NedsPlugin;

import java.util.List;
import java.util.function.BiFunction;

/** The built-in token encoders and heads, registered like any lab's plugin. */
public final class ModelPlugin implements NedsPlugin {

    @Override
    public String name() {
        return "neds-model";
    }

    @Override
    public List<ModalityEncoderFactory> modalityEncoders() {
        return List.of(
                encoder("stitched-counts", "per-session linear stitcher from a session's neurons to the hidden size",
                        Kind.NEURAL_COUNTS, (m, c) -> new StitchedCountsEncoder()),
                encoder("linear", "learned linear projection of each bin's values to a token",
                        Kind.DYNAMIC_CONTINUOUS, (m, c) -> new LinearTokenEncoder()),
                encoder("embedding", "learned embedding of a class (one-hot × matrix)",
                        Kind.STATIC_CATEGORICAL, (m, c) -> new CategoricalEmbeddingEncoder()));
    }

    @Override
    public List<ModalityDecoderFactory> modalityDecoders() {
        return List.of(
                decoder("poisson", "per-session stitch decoder to log firing rates; Poisson NLL",
                        Kind.NEURAL_COUNTS, (m, c) -> new PoissonRateDecoder(c.getDouble("initial-log-rate"),
                                flag(c, "fit-session-readout"))),
                decoder("mse", "linear read-out of each bin's values; mean squared error",
                        Kind.DYNAMIC_CONTINUOUS, (m, c) -> new ContinuousValueDecoder()),
                decoder("cross-entropy", "class logits from the static token (shared head, and per-session offsets "
                                + "with session-offsets or fit-session-offsets = true); cross-entropy",
                        Kind.STATIC_CATEGORICAL, ModelPlugin::classDecoder));
    }

    private static CategoricalLogitDecoder classDecoder(ModalitySpec m, Config c) {
        if (flag(c, "fit-session-readout")) {
            throw new IllegalArgumentException("model.modalities." + m.name() + ".fit-session-readout = true: a class decoder "
                    + "fits its readout per session with fit-session-offsets = true; fit-session-readout is for count decoders");
        }
        boolean trained = flag(c, "session-offsets");
        boolean fitted = flag(c, "fit-session-offsets");
        FittedReadout reads = FittedReadout.named(m.name(), c.hasPath("fit-reads") ? c.getString("fit-reads") : "head");
        if (reads.readsInputTokens() && (trained || !fitted)) {
            throw new IllegalArgumentException("model.modalities." + m.name() + ".fit-reads = " + reads.configName()
                    + ": a readout that reads the input tokens is fitted after training; set fit-session-offsets = true and "
                    + "session-offsets = false, or fit-reads = head");
        }
        boolean rankOne = flag(c, "fit-rank-one");
        if (rankOne && !fitted) {
            throw new IllegalArgumentException("model.modalities." + m.name() + ".fit-rank-one = true: it holds the readout "
                    + "fitted after training to one direction; set fit-session-offsets = true, or fit-rank-one = false");
        }
        return new CategoricalLogitDecoder(trained, fitted, reads, rankOne);
    }

    /** A checkpoint written before {@code session-offsets}, {@code fit-session-offsets}, {@code fit-reads} or {@code fit-rank-one} existed stores modality sections without it. */
    private static boolean flag(Config section, String key) {
        return section.hasPath(key) && section.getBoolean(key);
    }

    private static ModalityEncoderFactory encoder(String name, String description, Kind kind,
                                                  BiFunction<ModalitySpec, Config, ModalityEncoder> create) {
        return new KindEncoder(name, description, kind, create);
    }

    private static ModalityDecoderFactory decoder(String name, String description, Kind kind,
                                                  BiFunction<ModalitySpec, Config, ModalityDecoder> create) {
        return new KindDecoder(name, description, kind, create);
    }

    /** An encoder factory for every modality of one kind. */
    private record KindEncoder(String name, String description, Kind kind,
                               BiFunction<ModalitySpec, Config, ModalityEncoder> make) implements ModalityEncoderFactory {
        @Override
        public boolean supports(ModalitySpec modality) {
            return modality.kind() == kind;
        }

        @Override
        public ModalityEncoder create(ModalitySpec modality, Config config) {
            return make.apply(modality, config);
        }
    }

    /** A decoder factory for every modality of one kind. */
    private record KindDecoder(String name, String description, Kind kind,
                               BiFunction<ModalitySpec, Config, ModalityDecoder> make) implements ModalityDecoderFactory {
        @Override
        public boolean supports(ModalitySpec modality) {
            return modality.kind() == kind;
        }

        @Override
        public ModalityDecoder create(ModalitySpec modality, Config config) {
            return make.apply(modality, config);
        }
    }
}
