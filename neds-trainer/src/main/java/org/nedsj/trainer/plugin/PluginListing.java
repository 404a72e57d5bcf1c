package org.nedsj.trainer.plugin;

import java.util.List;

/**
 * One plugin as {@code neds plugins} shows it: its name, origin and what it provides.
 */
public record PluginListing(String name, PluginOrigin origin, List<ProvidedFactory> provides) {

    public PluginListing {
        provides = List.copyOf(provides);
    }

    /** One factory a plugin contributes to an extension point. */
    public record ProvidedFactory(ExtensionPoint<?> point, String name, String description) {
    }
}
