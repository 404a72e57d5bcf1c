package org.nedsj.trainer.plugin;

import java.util.Objects;
import org.nedsj.spi.NedsPlugin;

/** A plugin instance and where it came from. */
public record DiscoveredPlugin(NedsPlugin plugin, PluginOrigin origin) {

    public DiscoveredPlugin {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(origin, "origin");
    }

    /** The plugin's own name, or its class name when it gives none. */
    public String name() {
        String name = plugin.name();
        return name == null || name.isBlank() ? plugin.getClass().getName() : name;
    }

    @Override
    public String toString() {
        return "plugin '" + name() + "' (" + origin + ")";
    }
}
