package org.nedsj.spark;

import com.typesafe.config.Config;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModelStore;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NamedFactory;
import org.nedsj.spi.NedsPlugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * A replica loaded from the bytes of a saved model (the driver's {@link ModelStore} zip), with the
 * encoders and decoders of the plugins on the executor's class path ({@code META-INF/services}), so
 * an executor needs the model's plugin jars, nothing of the driver's run directory.
 */
public final class SavedModelReplica implements ReplicaSource {

    private static final long serialVersionUID = 1L;

    private final byte[] savedModel;

    private SavedModelReplica(byte[] savedModel) {
        this.savedModel = savedModel;
    }

    /** The model's structure and current weights, as bytes to ship. */
    public static SavedModelReplica of(NedsModel model) {
        try {
            Path tmp = Files.createTempFile("neds-replica", ".zip");
            try {
                ModelStore.save(model, tmp);
                return new SavedModelReplica(Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise the model for the Spark executors: " + e.getMessage(), e);
        }
    }

    @Override
    public NedsModel newReplica() {
        try {
            Path tmp = Files.createTempFile("neds-replica", ".zip");
            try {
                Files.write(tmp, savedModel);
                return ModelStore.load(tmp, classPathCodecs());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the model shipped to this executor: " + e.getMessage(), e);
        }
    }

    private static CodecCatalog classPathCodecs() {
        List<NedsPlugin> plugins = ServiceLoader.load(NedsPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        return new CodecCatalog() {
            @Override
            public ModalityEncoder encoder(String name, ModalitySpec modality, Config section) {
                return named(plugins, NedsPlugin::modalityEncoders, name, "encoder").create(modality, section);
            }

            @Override
            public ModalityDecoder decoder(String name, ModalitySpec modality, Config section) {
                return named(plugins, NedsPlugin::modalityDecoders, name, "decoder").create(modality, section);
            }
        };
    }

    private static <F extends NamedFactory> F named(List<NedsPlugin> plugins, Function<NedsPlugin, List<F>> point,
                                                    String name, String what) {
        return plugins.stream().flatMap(p -> point.apply(p).stream()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + what + " plugin named " + name
                        + " on the Spark executor's class path; ship the plugin's jar with --jars"));
    }
}
