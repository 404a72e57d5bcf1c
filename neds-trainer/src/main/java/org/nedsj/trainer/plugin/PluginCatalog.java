package org.nedsj.trainer.plugin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalityDecoderFactory;
import org.nedsj.spi.ModalityEncoderFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NamedFactory;

/**
 * What the plugins provide, by name: the listing behind {@code neds plugins}, and lookup of the
 * factory a configuration names, with errors that name the key, the unknown name and the names that
 * would work. Injectable; made by {@link PluginModule}.
 */
@Singleton
public final class PluginCatalog {

    private final DiscoveredPlugins plugins;
    private final Map<ExtensionPoint<?>, Map<String, ? extends NamedFactory>> byPoint = new LinkedHashMap<>();

    @Inject
    public PluginCatalog(DiscoveredPlugins plugins,
                         Map<String, DataSourceFactory> dataSources,
                         Map<String, ModalityEncoderFactory> encoders,
                         Map<String, ModalityDecoderFactory> decoders,
                         Map<String, MaskingSchemeFactory> schemes) {
        this.plugins = plugins;
        byPoint.put(ExtensionPoint.DATA_SOURCE, new TreeMap<>(dataSources));
        byPoint.put(ExtensionPoint.MODALITY_ENCODER, new TreeMap<>(encoders));
        byPoint.put(ExtensionPoint.MODALITY_DECODER, new TreeMap<>(decoders));
        byPoint.put(ExtensionPoint.MASKING_SCHEME, new TreeMap<>(schemes));
    }

    /** Every plugin with its origin and factories, in discovery order. */
    public List<PluginListing> listings() {
        List<PluginListing> listings = new ArrayList<>();
        for (DiscoveredPlugin plugin : plugins.all()) {
            List<PluginListing.ProvidedFactory> provides = new ArrayList<>();
            for (ExtensionPoint<?> point : ExtensionPoint.ALL) {
                for (NamedFactory f : point.contributedBy(plugin)) {
                    provides.add(new PluginListing.ProvidedFactory(point, f.name(), f.description()));
                }
            }
            listings.add(new PluginListing(plugin.name(), plugin.origin(), provides));
        }
        return listings;
    }

    /** Plugins found but not loadable, with why. */
    public List<BrokenPlugin> broken() {
        return plugins.broken();
    }

    /** The plugin directory searched at start-up, if any. */
    public Optional<PluginDirectory> pluginDirectory() {
        return plugins.directory();
    }

    /** The names of one extension point's factories, sorted. */
    public List<String> names(ExtensionPoint<?> point) {
        return List.copyOf(factories(point).keySet());
    }

    /**
     * The factory called {@code name}.
     *
     * @param key the configuration key (or other place) that named it, for the error message
     * @throws UnknownFactoryException e.g. {@code data.source = 'ibll': no data source of that name; available: ibl-alf, prepared}
     */
    public <F extends NamedFactory> F factory(ExtensionPoint<F> point, String key, String name) {
        return lookup(point, key + " = '" + name + "'", name);
    }

    /**
     * The factory named by the string at {@code path} of {@code config}; errors also say where the
     * value was set, e.g. {@code data.source = 'ibll' (exp.conf: 4): no data source of that name; available: …}.
     */
    public <F extends NamedFactory> F factory(ExtensionPoint<F> point, Config config, String path) {
        String name = config.getString(path);
        return lookup(point, path + " = '" + name + "' (" + origin(config, path) + ")", name);
    }

    private <F extends NamedFactory> F lookup(ExtensionPoint<F> point, String what, String name) {
        F factory = point.factoryType().cast(factories(point).get(name));
        if (factory == null) {
            throw withBrokenNote(unknown(point, what, names(point)));
        }
        return factory;
    }

    /** The data source factory named at {@code path}, e.g. {@code data.source}. */
    public DataSourceFactory dataSource(Config config, String path) {
        return factory(ExtensionPoint.DATA_SOURCE, config, path);
    }

    /** The encoder named at {@code path}, checked to support {@code modality}. */
    public ModalityEncoderFactory modalityEncoder(Config config, String path, ModalitySpec modality) {
        return supporting(ExtensionPoint.MODALITY_ENCODER, config, path, modality, f -> f.supports(modality));
    }

    /** The decoder named at {@code path}, checked to support {@code modality}. */
    public ModalityDecoderFactory modalityDecoder(Config config, String path, ModalitySpec modality) {
        return supporting(ExtensionPoint.MODALITY_DECODER, config, path, modality, f -> f.supports(modality));
    }

    /**
     * Creates masking schemes by name from the resolved {@code masking} section; schemes that combine
     * others (e.g. {@code mixed}) receive the same catalog. Make one per start-up; not thread-safe.
     */
    public MaskingSchemeFactory.SchemeCatalog maskingSchemes(Config masking) {
        return new MaskingSchemeCatalog(this, masking);
    }

    /** Creates the scheme named at {@code path} of {@code config} (e.g. {@code masking.eval-scheme}) from {@code masking}. */
    public MaskingScheme maskingScheme(Config masking, Config config, String path) {
        MaskingSchemeFactory factory = factory(ExtensionPoint.MASKING_SCHEME, config, path);
        return maskingSchemes(masking).create(factory.name());
    }

    private Map<String, ? extends NamedFactory> factories(ExtensionPoint<?> point) {
        return byPoint.get(point);
    }

    /** The error, naming the plugins that could not be loaded (one of them may provide the missing name). */
    UnknownFactoryException withBrokenNote(UnknownFactoryException e) {
        return plugins.broken().isEmpty() ? e : new UnknownFactoryException(e.getMessage() + "; these plugins could not "
                + "be loaded and may provide it: " + plugins.broken(), e.available());
    }

    static UnknownFactoryException unknown(ExtensionPoint<?> point, String what, List<String> available) {
        return new UnknownFactoryException(what + ": no " + point.noun() + " of that name; available: "
                + (available.isEmpty() ? "none (no plugin provides a " + point.noun() + ")" : String.join(", ", available)),
                available);
    }

    private <F extends NamedFactory> F supporting(ExtensionPoint<F> point, Config config, String path,
                                                  ModalitySpec modality, Predicate<F> supports) {
        F chosen = factory(point, config, path);
        if (!supports.test(chosen)) {
            List<String> able = factories(point).values().stream().map(point.factoryType()::cast)
                    .filter(supports).map(NamedFactory::name).toList();
            throw new UnknownFactoryException(path + " = '" + chosen.name() + "' (" + origin(config, path) + "): the " + point.noun()
                    + " cannot handle modality '" + modality.name() + "' of kind " + modality.kind() + "; ones that can: "
                    + (able.isEmpty() ? "none" : String.join(", ", able)), able);
        }
        return chosen;
    }

    private static String origin(Config config, String path) {
        return config.getValue(path).origin().description();
    }
}
