package org.nedsj.trainer.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader for resources only: the application's resources followed by every plugin jar's own.
 * Configuration is loaded through it, so each plugin's {@code reference.conf} contributes defaults.
 * Classes are loaded by the application class loader.
 */
final class PluginResourceLoader extends ClassLoader {

    private final List<PluginClassLoader> plugins;

    PluginResourceLoader(ClassLoader application, List<PluginClassLoader> plugins) {
        super("neds-plugin-resources", application);
        this.plugins = List.copyOf(plugins);
    }

    @Override
    protected URL findResource(String name) {
        for (PluginClassLoader plugin : plugins) {
            try {
                Enumeration<URL> own = plugin.ownResources(name);
                if (own.hasMoreElements()) {
                    return own.nextElement();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + " from plugin " + plugin.getName(), e);
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (PluginClassLoader plugin : plugins) {
            urls.addAll(Collections.list(plugin.ownResources(name)));
        }
        return Collections.enumeration(urls);
    }
}
