package org.nedsj.trainer.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every plugin found at start-up, the plugin directory they were searched in, and the class loader
 * through which configuration sees the plugins' resources. Closing it closes the plugin class
 * loaders; do so only when no plugin object is used any more.
 */
public final class DiscoveredPlugins implements AutoCloseable {

    private final List<DiscoveredPlugin> plugins;
    private final List<BrokenPlugin> broken;
    private final Optional<PluginDirectory> directory;
    private final ClassLoader resourceLoader;
    private final List<PluginClassLoader> loaders;

    DiscoveredPlugins(List<DiscoveredPlugin> plugins, Optional<PluginDirectory> directory,
                      ClassLoader resourceLoader, List<PluginClassLoader> loaders) {
        this(plugins, List.of(), directory, resourceLoader, loaders);
    }

    DiscoveredPlugins(List<DiscoveredPlugin> plugins, List<BrokenPlugin> broken, Optional<PluginDirectory> directory,
                      ClassLoader resourceLoader, List<PluginClassLoader> loaders) {
        this.plugins = List.copyOf(plugins);
        this.broken = List.copyOf(broken);
        this.directory = directory;
        this.resourceLoader = resourceLoader;
        this.loaders = List.copyOf(loaders);
    }

    /** Plugins given directly (embedding, tests): no plugin directory; resources come from {@code resourceLoader}. */
    public static DiscoveredPlugins of(List<DiscoveredPlugin> plugins, ClassLoader resourceLoader) {
        return new DiscoveredPlugins(plugins, Optional.empty(), resourceLoader, List.of());
    }

    /** Class-path plugins first (in class-path order), then the plugin directory's (by file name). */
    public List<DiscoveredPlugin> all() {
        return plugins;
    }

    /** Plugins found but not loadable, with why; left out of everything else. */
    public List<BrokenPlugin> broken() {
        return broken;
    }

    public Optional<PluginDirectory> directory() {
        return directory;
    }

    /** The application's resources followed by each plugin jar's own; load {@code reference.conf} through it. */
    public ClassLoader resourceLoader() {
        return resourceLoader;
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (PluginClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                failures.add(loader.getName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new PluginLoadException("could not close plugin class loaders: " + String.join("; ", failures));
        }
    }
}
