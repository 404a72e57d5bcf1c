package org.nedsj.trainer.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.nedsj.spi.NedsPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every {@link NedsPlugin}: with {@link ServiceLoader} on the application class path, then in
 * the plugin directory, where each {@code *.jar} is one plugin and each sub-folder is one plugin made
 * of all the jars in it (for plugins that bring their own libraries). Each plugin gets its own
 * {@link PluginClassLoader} whose parent is the application class loader.
 */
public final class PluginDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);

    private PluginDiscovery() {
    }

    /**
     * @param application the application class loader (the parent of every plugin class loader)
     * @param directory   the plugin directory, if any
     * @throws PluginLoadException naming the jar when a plugin cannot be loaded, or the directory when a
     *                             required one is missing
     */
    public static DiscoveredPlugins discover(ClassLoader application, Optional<PluginDirectory> directory) {
        List<BrokenPlugin> broken = new ArrayList<>();
        List<DiscoveredPlugin> found = new ArrayList<>(fromClassPath(application, broken));
        List<PluginClassLoader> loaders = new ArrayList<>();
        try {
            for (Path unit : directory.map(PluginDiscovery::pluginUnits).orElse(List.of())) {
                PluginClassLoader loader = new PluginClassLoader("neds-plugin " + unit.getFileName(), jarUrls(unit), application);
                try {
                    found.addAll(fromPluginLoader(loader, unit));
                    loaders.add(loader);
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    broken.add(BrokenPlugin.of(unit.toAbsolutePath().toString(), e));
                    closeQuietly(loader);
                }
            }
        } catch (RuntimeException e) {
            new DiscoveredPlugins(List.of(), directory, application, loaders).close();
            throw e;
        }
        found.forEach(p -> LOG.debug("found {}", p));
        broken.forEach(b -> LOG.warn("plugin {} cannot be loaded and is left out: {}", b.location(), b.cause()));
        return new DiscoveredPlugins(found, broken, directory, new PluginResourceLoader(application, loaders), loaders);
    }

    /** Each class-path provider on its own, so one that fails leaves the others usable. */
    private static List<DiscoveredPlugin> fromClassPath(ClassLoader application, List<BrokenPlugin> broken) {
        List<DiscoveredPlugin> plugins = new ArrayList<>();
        Iterator<ServiceLoader.Provider<NedsPlugin>> providers = ServiceLoader.load(NedsPlugin.class, application).stream().iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return plugins;
                }
                ServiceLoader.Provider<NedsPlugin> p = providers.next();
                try {
                    plugins.add(new DiscoveredPlugin(p.get(), PluginOrigin.classpath(p.type())));
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    broken.add(BrokenPlugin.of("classpath (" + p.type().getName() + ")", e));
                }
            } catch (ServiceConfigurationError e) {
                broken.add(BrokenPlugin.of("classpath", e));
            }
        }
    }

    private static List<DiscoveredPlugin> fromPluginLoader(PluginClassLoader loader, Path unit) {
        List<DiscoveredPlugin> plugins = ServiceLoader.load(NedsPlugin.class, loader).stream()
                .map(p -> new DiscoveredPlugin(p.get(), new PluginOrigin(PluginOrigin.Source.PLUGIN_DIRECTORY, PluginOrigin.codeLocation(p.type()))))
                .toList();
        if (plugins.isEmpty()) {
            LOG.warn("{} declares no plugin: it has no META-INF/services/{} file", unit, NedsPlugin.class.getName());
        }
        return plugins;
    }

    private static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("cannot close {}", loader.getName(), e);
        }
    }

    /** The jars of the directory and its sub-folders, one entry per plugin, by file name. */
    static List<Path> pluginUnits(PluginDirectory directory) {
        Path dir = directory.path();
        if (!Files.isDirectory(dir)) {
            if (directory.required()) {
                throw new PluginLoadException("plugin directory " + dir + " (set by " + directory.chosenBy()
                        + ") does not exist or is not a folder; create it or point plugins.dir at the folder holding the plugin jars");
            }
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> isJar(p) || (Files.isDirectory(p) && !jarsIn(p).isEmpty()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin directory " + dir, e);
        }
    }

    private static URL[] jarUrls(Path unit) {
        List<Path> jars = Files.isDirectory(unit) ? jarsIn(unit) : List.of(unit);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginLoadException("plugin jar " + jars.get(i) + " has no usable URL", e);
            }
        }
        return urls;
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(PluginDiscovery::isJar).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin folder " + folder, e);
        }
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }
}
