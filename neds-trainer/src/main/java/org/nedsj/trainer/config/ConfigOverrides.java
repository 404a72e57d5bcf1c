package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration given on the command line: {@code --set a.b=c} arguments and {@code -Dneds.a.b=c}
 * system properties. Values parse as HOCON, so {@code 3}, {@code true}, {@code [a, b]} and
 * {@code {x = 1}} keep their types; a value HOCON cannot read as a whole (a path with {@code :} or
 * {@code //}, say) is taken as a literal string. Each value's origin is its flag, for messages.
 */
public final class ConfigOverrides {

    /** System properties with this prefix are configuration: {@code -Dneds.train.epochs=3} sets {@code train.epochs}. */
    public static final String PROPERTY_PREFIX = "neds.";

    /** {@code neds.*} properties that the launcher sets and that are not configuration keys. */
    public static final Set<String> LAUNCHER_PROPERTIES = Set.of("neds.home");

    private ConfigOverrides() {
    }

    /**
     * A {@code --set} argument giving {@code key} the string {@code value} verbatim (quoted as HOCON,
     * so paths with spaces, colons or quotes stay one string).
     */
    public static String setString(String key, String value) {
        return key + "=" + com.typesafe.config.ConfigValueFactory.fromAnyRef(value)
                .render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    /** A {@code --set} argument giving {@code key} the list of strings {@code values}, each quoted as HOCON. */
    public static String setStrings(String key, List<String> values) {
        return key + "=" + com.typesafe.config.ConfigValueFactory.fromIterable(values)
                .render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    /** The {@code --set key=value} arguments as one layer; a later argument for the same key wins. */
    public static Config fromSetArguments(List<String> assignments) {
        Config layer = ConfigFactory.empty();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + assignment + ": expected key=value, e.g. --set data.path=/data/prepared");
            }
            String key = assignment.substring(0, eq).strip();
            layer = assignment(key, assignment.substring(eq + 1), "--set " + assignment).withFallback(layer);
        }
        return layer;
    }

    /** The {@code neds.*} system properties (other than the launcher's own) as one layer. */
    public static Config fromSystemProperties(Properties properties) {
        Config layer = ConfigFactory.empty();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (name.startsWith(PROPERTY_PREFIX) && !LAUNCHER_PROPERTIES.contains(name)) {
                String value = properties.getProperty(name);
                layer = assignment(name.substring(PROPERTY_PREFIX.length()), value, "-D" + name + "=" + value).withFallback(layer);
            }
        }
        return layer;
    }

    static Config assignment(String key, String valueText, String flag) {
        try {
            ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(flag + ": '" + key + "' is not a configuration key (" + e.getMessage() + ")", e);
        }
        ConfigOrigin origin = ConfigOriginFactory.newSimple(flag);
        return withOriginThroughout(value(valueText, flag), origin).atPath(key);
    }

    /**
     * The value with {@code origin} on it and on everything inside it: a key of an object given whole
     * ({@code --set model.modalities.spikes={…}}) then names its flag in messages, not "String: 1".
     */
    private static ConfigValue withOriginThroughout(ConfigValue value, ConfigOrigin origin) {
        if (value instanceof ConfigObject object) {
            Map<String, Object> children = new LinkedHashMap<>();
            object.forEach((k, v) -> children.put(k, withOriginThroughout(v, origin)));
            return ConfigValueFactory.fromMap(children).withOrigin(origin);
        }
        if (value instanceof ConfigList list) {
            List<Object> items = new ArrayList<>();
            list.forEach(v -> items.add(withOriginThroughout(v, origin)));
            return ConfigValueFactory.fromIterable(items).withOrigin(origin);
        }
        return value.withOrigin(origin);
    }

    private static ConfigValue value(String text, String flag) {
        String t = text.strip();
        boolean structured = t.startsWith("[") || t.startsWith("{") || t.startsWith("\"");
        if (t.isEmpty() || (!structured && (t.contains("//") || t.contains("#")))) {
            return ConfigValueFactory.fromAnyRef(t);
        }
        try {
            ConfigValue parsed = ConfigFactory.parseString("v = " + t).root().get("v");
            return parsed != null ? parsed : ConfigValueFactory.fromAnyRef(t);
        } catch (ConfigException e) {
            if (structured) {
                throw new IllegalArgumentException(flag + ": the value is not valid HOCON (" + e.getMessage()
                        + "); check brackets and quotes", e);
            }
            return ConfigValueFactory.fromAnyRef(t);
        }
    }
}
