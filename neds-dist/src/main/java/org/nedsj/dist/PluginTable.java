package org.nedsj.dist;

import java.util.List;
import org.nedsj.trainer.plugin.BrokenPlugin;
import org.nedsj.trainer.plugin.PluginCatalog;
import org.nedsj.trainer.plugin.PluginListing;

/** The text {@code neds plugins} prints: one block per plugin, one aligned row per factory, then the broken ones. */
final class PluginTable {

    private PluginTable() {
    }

    static String render(PluginCatalog catalog) {
        List<PluginListing> plugins = catalog.listings();
        StringBuilder out = new StringBuilder();
        out.append("Plugin directory: ").append(catalog.pluginDirectory().map(Object::toString).orElse("none")).append('\n');
        out.append(plugins.size()).append(plugins.size() == 1 ? " plugin\n" : " plugins\n");
        int pointWidth = plugins.stream().flatMap(p -> p.provides().stream())
                .mapToInt(f -> f.point().noun().length()).max().orElse(0);
        int nameWidth = plugins.stream().flatMap(p -> p.provides().stream())
                .mapToInt(f -> f.name().length()).max().orElse(0);
        for (PluginListing plugin : plugins) {
            out.append('\n').append(plugin.name()).append("  from ").append(plugin.origin()).append('\n');
            if (plugin.provides().isEmpty()) {
                out.append("  (provides nothing)\n");
            }
            for (PluginListing.ProvidedFactory f : plugin.provides()) {
                out.append("  ").append(pad(f.point().noun(), pointWidth)).append("  ").append(pad(f.name(), nameWidth))
                        .append("  ").append(f.description() == null ? "" : f.description()).append('\n');
            }
        }
        for (BrokenPlugin broken : catalog.broken()) {
            out.append("\nBROKEN  ").append(broken.location()).append('\n').append("  cannot be loaded: ")
                    .append(broken.cause()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
