package org.nedsj.trainer.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;

/**
 * Where a plugin was found: on the application class path (with the jar or folder its class came
 * from) or in the plugin directory (the jar, or the plugin's sub-folder of jars).
 */
public record PluginOrigin(Source source, String location) {

    /** How the plugin was found. */
    public enum Source { CLASSPATH, PLUGIN_DIRECTORY }

    public PluginOrigin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    public static PluginOrigin classpath(Class<?> pluginClass) {
        return new PluginOrigin(Source.CLASSPATH, codeLocation(pluginClass));
    }

    public static PluginOrigin pluginDirectory(Path jarOrFolder) {
        return new PluginOrigin(Source.PLUGIN_DIRECTORY, jarOrFolder.toAbsolutePath().normalize().toString());
    }

    /** The jar or class folder a class was loaded from, or {@code unknown} when the JVM does not say. */
    static String codeLocation(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "unknown";
        }
        try {
            return Path.of(code.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return code.getLocation().toString();
        }
    }

    @Override
    public String toString() {
        return source == Source.CLASSPATH ? "classpath (" + location + ")" : location;
    }
}
