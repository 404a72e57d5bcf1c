package org.nedsj.trainer.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nedsj.spi.NamedFactory;

/**
 * Checks the names plugins use before anything is bound: plugin names are unique, factory names are
 * unique within each extension point and spelled as configs expect ({@code lower-case-with-dashes}).
 * Every problem is reported at once, each naming the plugins and their origins.
 */
final class PluginNameCheck {

    private static final Pattern FACTORY_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private PluginNameCheck() {
    }

    static void requireUniqueNames(List<DiscoveredPlugin> plugins) {
        List<String> problems = new ArrayList<>(pluginNameClashes(plugins));
        for (ExtensionPoint<?> point : ExtensionPoint.ALL) {
            problems.addAll(factoryNameProblems(point, plugins));
        }
        if (!problems.isEmpty()) {
            throw new PluginConflictException("plugins disagree about names:\n  " + String.join("\n  ", problems)
                    + "\nremove one of each pair from the class path or the plugin directory, or rename the factory");
        }
    }

    private static List<String> pluginNameClashes(List<DiscoveredPlugin> plugins) {
        List<String> problems = new ArrayList<>();
        Map<String, DiscoveredPlugin> byName = new LinkedHashMap<>();
        for (DiscoveredPlugin p : plugins) {
            DiscoveredPlugin first = byName.putIfAbsent(p.name(), p);
            if (first != null) {
                problems.add("two plugins are named '" + p.name() + "': from " + first.origin() + " and from " + p.origin());
            }
        }
        return problems;
    }

    private static <F extends NamedFactory> List<String> factoryNameProblems(ExtensionPoint<F> point, List<DiscoveredPlugin> plugins) {
        List<String> problems = new ArrayList<>();
        Map<String, DiscoveredPlugin> byName = new LinkedHashMap<>();
        for (DiscoveredPlugin p : plugins) {
            for (F factory : point.contributedBy(p)) {
                String name = factory.name();
                if (name == null || !FACTORY_NAME.matcher(name).matches()) {
                    problems.add(point.noun() + " name '" + name + "' of " + p + " is not lower-case-with-dashes");
                    continue;
                }
                DiscoveredPlugin first = byName.putIfAbsent(name, p);
                if (first != null) {
                    problems.add("two plugins offer the " + point.noun() + " '" + name + "': " + first + " and " + p);
                }
            }
        }
        return problems;
    }
}
