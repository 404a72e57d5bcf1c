package org.nedsj.trainer.tune;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code tune.space} section: one {@link Dimension} per experiment key, written as
 * {@code "loguniform(a, b)"}, {@code "uniform(a, b)"}, {@code "choice([v1, v2])"} or a list {@code [v1, v2]}.
 * Dimensions are kept in key order, so draws do not depend on the order the file lists them in.
 */
public final class SearchSpace {

    private static final Pattern CALL = Pattern.compile("\\s*(loguniform|uniform|choice)\\s*\\((.*)\\)\\s*",
            Pattern.DOTALL);

    private final List<Dimension> dimensions;

    public SearchSpace(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    public static SearchSpace from(ConfigObject space) {
        Map<String, ConfigValue> leaves = new TreeMap<>();
        collect(space, "", leaves);
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("tune.space is empty: name at least one key to vary, e.g. tune.space { "
                    + "train.lr = \"loguniform(1e-4, 1e-3)\" }");
        }
        List<Dimension> dims = new ArrayList<>();
        leaves.forEach((key, value) -> dims.add(dimension(key, value)));
        return new SearchSpace(dims);
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    public List<String> keys() {
        return dimensions.stream().map(Dimension::key).toList();
    }

    /** Trial {@code trial}'s values: drawn from {@code (seed, trial)} alone, in key order. */
    public Map<String, ConfigValue> draw(long seed, int trial) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trial);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            values.put(d.key(), d.sample(random));
        }
        return values;
    }

    /** How many combinations a grid over the choices has. */
    public int gridSize() {
        long size = 1;
        for (Dimension d : dimensions) {
            size = Math.min(Integer.MAX_VALUE, size * requireChoice(d).values().size());
        }
        return (int) size;
    }

    /** Combination {@code index} of the grid, the last key varying fastest. */
    public Map<String, ConfigValue> gridPoint(int index) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        int rest = index;
        List<Dimension> reversed = new ArrayList<>(dimensions);
        java.util.Collections.reverse(reversed);
        Map<String, ConfigValue> backwards = new LinkedHashMap<>();
        for (Dimension d : reversed) {
            List<ConfigValue> choices = requireChoice(d).values();
            backwards.put(d.key(), choices.get(rest % choices.size()));
            rest /= choices.size();
        }
        dimensions.forEach(d -> values.put(d.key(), backwards.get(d.key())));
        return values;
    }

    private static Dimension.Choice requireChoice(Dimension d) {
        if (d instanceof Dimension.Choice c) {
            return c;
        }
        throw new IllegalArgumentException("tune.space." + d.key() + " (" + where(d.origin()) + "): grid search steps "
                + "through listed values only; write it as \"choice([...])\" or a list, or use tune.scheduler = random or asha");
    }

    private static void collect(ConfigObject object, String prefix, Map<String, ConfigValue> out) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof ConfigObject child) {
                collect(child, key, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    private static Dimension dimension(String key, ConfigValue value) {
        if (value instanceof ConfigList list) {
            return choice(key, new ArrayList<>(list), value);
        }
        String text = value.valueType() == ConfigValueType.STRING ? (String) value.unwrapped() : "";
        Matcher call = CALL.matcher(text);
        if (!call.matches()) {
            throw bad(key, value, "expected \"loguniform(a, b)\", \"uniform(a, b)\", \"choice([v1, v2, ...])\" or a "
                    + "list [v1, v2, ...] (quote the calls: HOCON reads their commas otherwise)");
        }
        String kind = call.group(1);
        if (kind.equals("choice")) {
            ConfigValue parsed = parse(key, value, call.group(2));
            if (!(parsed instanceof ConfigList list)) {
                throw bad(key, value, "choice takes a list, e.g. \"choice([128, 256, 512])\"");
            }
            return choice(key, new ArrayList<>(list), value);
        }
        ConfigValue parsed = parse(key, value, "[" + call.group(2) + "]");
        List<Object> bounds = ((ConfigList) parsed).unwrapped();
        if (bounds.size() != 2 || !(bounds.get(0) instanceof Number) || !(bounds.get(1) instanceof Number)) {
            throw bad(key, value, kind + " takes two numbers, e.g. \"" + kind + "(1e-4, 1e-3)\"");
        }
        double low = ((Number) bounds.get(0)).doubleValue();
        double high = ((Number) bounds.get(1)).doubleValue();
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw bad(key, value, "the first bound must be below the second");
        }
        if (kind.equals("loguniform")) {
            if (low <= 0) {
                throw bad(key, value, "loguniform needs positive bounds");
            }
            return new Dimension.LogUniform(key, low, high, value.origin());
        }
        return new Dimension.Uniform(key, low, high, value.origin());
    }

    private static Dimension choice(String key, List<ConfigValue> values, ConfigValue at) {
        if (values.isEmpty()) {
            throw bad(key, at, "a choice needs at least one value");
        }
        List<ConfigValue> located = new ArrayList<>();
        values.forEach(v -> located.add(v.withOrigin(at.origin())));
        return new Dimension.Choice(key, located, at.origin());
    }

    private static ConfigValue parse(String key, ConfigValue at, String text) {
        try {
            return ConfigFactory.parseString("v = " + text).root().get("v");
        } catch (ConfigException e) {
            throw bad(key, at, "cannot read '" + text + "' (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException bad(String key, ConfigValue value, String problem) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "tune.space.%s = %s (%s): %s", key,
                value.render(com.typesafe.config.ConfigRenderOptions.concise()), where(value.origin()), problem));
    }

    static String where(com.typesafe.config.ConfigOrigin origin) {
        if (origin == null) {
            return "unknown origin";
        }
        String file = origin.filename() != null ? origin.filename() : origin.description();
        return origin.lineNumber() > 0 && origin.filename() != null ? file + ", line " + origin.lineNumber() : file;
    }
}
