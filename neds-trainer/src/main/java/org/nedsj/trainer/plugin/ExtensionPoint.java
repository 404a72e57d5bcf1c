package org.nedsj.trainer.plugin;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalityDecoderFactory;
import org.nedsj.spi.ModalityEncoderFactory;
import org.nedsj.spi.NamedFactory;
import org.nedsj.spi.NedsPlugin;

/**
 * One of the four things a {@link NedsPlugin} can contribute, with the factory type, the words used in
 * messages and listings, and how to read a plugin's contributions.
 *
 * @param <F> the factory type of this extension point
 */
public final class ExtensionPoint<F extends NamedFactory> {

    public static final ExtensionPoint<DataSourceFactory> DATA_SOURCE =
            new ExtensionPoint<>("data source", DataSourceFactory.class, NedsPlugin::dataSources);
    public static final ExtensionPoint<ModalityEncoderFactory> MODALITY_ENCODER =
            new ExtensionPoint<>("modality encoder", ModalityEncoderFactory.class, NedsPlugin::modalityEncoders);
    public static final ExtensionPoint<ModalityDecoderFactory> MODALITY_DECODER =
            new ExtensionPoint<>("modality decoder", ModalityDecoderFactory.class, NedsPlugin::modalityDecoders);
    public static final ExtensionPoint<MaskingSchemeFactory> MASKING_SCHEME =
            new ExtensionPoint<>("masking scheme", MaskingSchemeFactory.class, NedsPlugin::maskingSchemes);

    /** All four, in listing order. */
    public static final List<ExtensionPoint<?>> ALL = List.of(DATA_SOURCE, MODALITY_ENCODER, MODALITY_DECODER, MASKING_SCHEME);

    private final String noun;
    private final Class<F> type;
    private final Function<NedsPlugin, List<F>> contributions;

    private ExtensionPoint(String noun, Class<F> type, Function<NedsPlugin, List<F>> contributions) {
        this.noun = noun;
        this.type = type;
        this.contributions = contributions;
    }

    /** What one product is called in messages, e.g. {@code data source}. */
    public String noun() {
        return noun;
    }

    public Class<F> factoryType() {
        return type;
    }

    /**
     * The factories {@code plugin} contributes to this extension point.
     *
     * @throws PluginLoadException when the plugin returns null or a null factory
     */
    public List<F> contributedBy(DiscoveredPlugin plugin) {
        List<F> factories = contributions.apply(plugin.plugin());
        if (factories == null || factories.stream().anyMatch(Objects::isNull)) {
            throw new PluginLoadException("plugin '" + plugin.name() + "' (" + plugin.origin() + ") returned a null "
                    + noun + " list or a null " + noun + " factory; return List.of() when it offers none");
        }
        return List.copyOf(factories);
    }

    @Override
    public String toString() {
        return noun;
    }
}
