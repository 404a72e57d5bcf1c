package org.nedsj.trainer.config;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nedsj.trainer.plugin.DiscoveredPlugins;
import org.nedsj.trainer.plugin.PluginCatalog;
import org.nedsj.trainer.plugin.PluginDiscovery;
import org.nedsj.trainer.plugin.PluginListing;
import org.nedsj.trainer.plugin.PluginModule;

/**
 * Start-up of every command: finds the plugins (class path and plugin directory), loads and checks
 * the experiment's configuration with the plugins' defaults, and makes the Guice injector with the
 * plugin bindings, the configuration and any further modules. Close it when the command ends.
 */
public final class ExperimentContext implements AutoCloseable {

    private final DiscoveredPlugins plugins;
    private ExperimentConfig experiment;
    private final Injector injector;

    private ExperimentContext(DiscoveredPlugins plugins, ExperimentConfig experiment, Injector injector) {
        this.plugins = plugins;
        this.experiment = experiment;
        this.injector = injector;
    }

    /** Start-up with this module's class loader as the application class loader. */
    public static ExperimentContext open(ExperimentSources sources, Module... modules) {
        return open(sources, ExperimentContext.class.getClassLoader(), modules);
    }

    /**
     * @param application the class loader whose class path holds the built-in plugins
     * @param modules     further Guice modules (e.g. the trainer's)
     * @throws org.nedsj.trainer.plugin.PluginLoadException     a plugin cannot be loaded
     * @throws org.nedsj.trainer.plugin.PluginConflictException two plugins claim one name
     * @throws ExperimentConfigException                        unknown keys or wrongly typed values
     */
    public static ExperimentContext open(ExperimentSources sources, ClassLoader application, Module... modules) {
        DiscoveredPlugins plugins = PluginDiscovery.discover(application, PluginDirectoryChoice.choose(sources));
        try {
            PluginModule pluginModule = new PluginModule(plugins);
            ExperimentConfig experiment = ExperimentConfigLoader.fromResources(plugins.resourceLoader()).load(sources);
            List<Module> all = new ArrayList<>(List.of(pluginModule, new ExperimentModule(experiment)));
            all.addAll(Arrays.asList(modules));
            return new ExperimentContext(plugins, experiment, Guice.createInjector(all));
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    public Config config() {
        return experiment.config();
    }

    public ExperimentConfig experiment() {
        return experiment;
    }

    /**
     * Replaces the value at {@code path} (a setting given as {@code auto}) by what it resolved to; the
     * resolved configuration written afterwards records the value with {@code why} as its origin.
     */
    public void resolve(String path, Object value, String why) {
        Config config = experiment.config().withValue(path, com.typesafe.config.ConfigValueFactory.fromAnyRef(value, why));
        experiment = new ExperimentConfig(config, experiment.sources());
    }

    /**
     * This experiment with {@code top} over its user layers, loaded and checked as {@link #open} checks
     * (unknown keys, types), with the same plugins' defaults; this context is left as it is.
     *
     * @throws ExperimentConfigException naming each unknown key or wrongly typed value with its origin
     */
    public ExperimentConfig check(Config top) {
        return ExperimentConfigLoader.fromResources(plugins.resourceLoader()).load(experiment.sources(), top);
    }

    public PluginCatalog plugins() {
        return injector.getInstance(PluginCatalog.class);
    }

    public Injector injector() {
        return injector;
    }

    /** Writes {@value ResolvedConfigWriter#FILE_NAME} into {@code runDir}, with the plugins in use in its header. */
    public Path writeResolvedConfig(Path runDir) {
        List<String> notes = new ArrayList<>();
        notes.add("Plugin directory: " + plugins.directory().map(Object::toString).orElse("none"));
        for (PluginListing p : plugins().listings()) {
            notes.add("Plugin " + p.name() + ": " + p.origin());
        }
        return ResolvedConfigWriter.write(runDir, experiment, notes);
    }

    @Override
    public void close() {
        plugins.close();
    }
}
