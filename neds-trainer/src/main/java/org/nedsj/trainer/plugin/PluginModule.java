package org.nedsj.trainer.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import org.nedsj.spi.NamedFactory;

/**
 * The Guice module of the plugin system: binds every factory of every discovered plugin by its name,
 * one {@code MapBinder<String, F>} per extension point ({@code Map<String, DataSourceFactory>},
 * {@code Map<String, ModalityEncoderFactory>}, {@code Map<String, ModalityDecoderFactory>},
 * {@code Map<String, MaskingSchemeFactory>}), and the {@link PluginCatalog} over them.
 *
 * <p>Name clashes are checked when the module is made, so start-up stops before anything is bound.
 */
public final class PluginModule extends AbstractModule {

    private final DiscoveredPlugins plugins;

    /** @throws PluginConflictException naming both origins of every clashing name */
    public PluginModule(DiscoveredPlugins plugins) {
        PluginNameCheck.requireUniqueNames(plugins.all());
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        bind(DiscoveredPlugins.class).toInstance(plugins);
        for (ExtensionPoint<?> point : ExtensionPoint.ALL) {
            bindFactories(point);
        }
        bind(PluginCatalog.class);
    }

    private <F extends NamedFactory> void bindFactories(ExtensionPoint<F> point) {
        MapBinder<String, F> byName = MapBinder.newMapBinder(binder(), String.class, point.factoryType());
        for (DiscoveredPlugin plugin : plugins.all()) {
            for (F factory : point.contributedBy(plugin)) {
                byName.addBinding(factory.name()).toInstance(factory);
            }
        }
    }
}
