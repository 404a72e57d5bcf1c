package org.nedsj.nwb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import org.nedsj.prep.align.AlignmentRules;
import org.nedsj.prep.align.RuleCheck;
import org.nedsj.prep.store.PreparedFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code data.nwb}: which tables, columns and series of an NWB file are the alignment event, the
 * trial rules, the units and the behaviours, and the shared preprocessing rules (see reference.conf).
 */
public record NwbMapping(String alignTo, String trialsTable, List<String> required, List<Limit> limits, String unitsTable,
                         String qualityColumn, List<String> goodValues, List<String> regions, String electrodesTable,
                         List<Dynamic> dynamic, List<Static> statics, Speed speed, AlignmentRules rules, Map<String, Object> asMap) {

    static final String PREFIX = "data.nwb";

    /** Drop a trial when {@code to − from} lies outside {@code [min, max]}. */
    public record Limit(String from, String to, double min, double max) {
        String reason() {
            return to + "-after-" + from;
        }
    }

    /** @param transform none, abs or speed */
    public record Dynamic(String name, String series, String transform) {
    }

    /** @param classes the column's values in class order, as written in the mapping */
    public record Static(String name, String column, List<String> classes) {
    }

    public record Speed(double rate, int filterOrder, double cutoff) {
    }

    /** The defaults of this module's reference.conf, under {@code data}. */
    static Config referenceData() {
        return ConfigFactory.parseResources(NwbMapping.class.getClassLoader(), "reference.conf").resolve().getConfig("data");
    }

    /**
     * @param data the experiment's {@code data} section
     * @throws IllegalArgumentException naming the key when a value is missing or invalid
     */
    public static NwbMapping from(Config data) {
        Config c = data.withFallback(referenceData()).getConfig("nwb");
        try {
            return read(c);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(PREFIX + ": " + e.getMessage(), e);
        }
    }

    private static NwbMapping read(Config c) {
        RuleCheck check = new RuleCheck(PREFIX);
        AlignmentRules rules = AlignmentRules.read(c, PREFIX);
        List<Dynamic> dynamic = dynamic(c, check);
        List<Static> statics = statics(c, check, dynamic);
        check.require(!dynamic.isEmpty() || !statics.isEmpty(), "dynamic", "and " + PREFIX + ".static name no behaviour; map at "
                + "least one series or trials column (neds inspect FILE lists them; see the README, \"Your own data in NWB\")");
        Speed speed = new Speed(c.getDouble("speed.rate"), c.getInt("speed.filter-order"), c.getDouble("speed.cutoff"));
        check.require(speed.rate() > 0 && speed.cutoff() > 0 && speed.cutoff() < speed.rate() / 2, "speed.cutoff",
                "must lie between 0 and half of " + PREFIX + ".speed.rate (" + speed.rate() / 2 + " Hz), got " + speed.cutoff());
        check.require(speed.filterOrder() >= 1 && speed.filterOrder() <= 20, "speed.filter-order", "must be 1..20, got " + speed.filterOrder());
        return new NwbMapping(c.getString("align-to"), c.getString("trials.table"), c.getStringList("trials.required"), limits(c, check),
                c.getString("units.table"), c.getString("units.quality-column"),
                c.getList("units.good-values").stream().map(v -> String.valueOf(v.unwrapped())).toList(),
                c.getStringList("units.regions"), c.getString("units.electrodes-table"), dynamic, statics, speed, rules,
                sorted(c.root()));
    }

    private static List<Dynamic> dynamic(Config c, RuleCheck check) {
        List<Dynamic> dynamic = new ArrayList<>();
        ConfigObject entries = c.getObject("dynamic");
        for (String name : new TreeSet<>(entries.keySet())) {
            Config e = entries.toConfig().getConfig(quoted(name)).withFallback(c.getConfig("dynamic-template"));
            PreparedFiles.requireBehaviourName(name, PREFIX + ".dynamic." + name);
            String transform = e.getString("transform");
            check.require(List.of("none", "abs", "speed").contains(transform), "dynamic." + name + ".transform",
                    "must be none, abs or speed, got '" + transform + "'");
            check.require(!e.getString("series").isBlank(), "dynamic." + name + ".series",
                    "is empty; name the TimeSeries path (neds inspect FILE lists them)");
            dynamic.add(new Dynamic(name, e.getString("series"), transform));
        }
        return dynamic;
    }

    private static List<Static> statics(Config c, RuleCheck check, List<Dynamic> dynamic) {
        List<Static> statics = new ArrayList<>();
        ConfigObject entries = c.getObject("static");
        for (String name : new TreeSet<>(entries.keySet())) {
            Config e = entries.toConfig().getConfig(quoted(name)).withFallback(c.getConfig("static-template"));
            PreparedFiles.requireBehaviourName(name, PREFIX + ".static." + name);
            check.require(dynamic.stream().noneMatch(d -> d.name().equals(name)), "static." + name, "is also a dynamic behaviour; "
                    + "give each modality its own name");
            check.require(!e.getString("column").isBlank(), "static." + name + ".column", "is empty; name the trials column");
            List<String> classes = e.getList("classes").stream().map(v -> String.valueOf(v.unwrapped())).toList();
            check.require(classes.size() >= 2, "static." + name + ".classes", "needs at least two values (the column's categories, "
                    + "in class order), got " + classes);
            statics.add(new Static(name, e.getString("column"), classes));
        }
        return statics;
    }

    private static List<Limit> limits(Config c, RuleCheck check) {
        List<Limit> limits = new ArrayList<>();
        for (Config l : c.getConfigList("trials.limits")) {
            Set<String> unknown = new TreeSet<>(l.root().keySet());
            unknown.removeAll(List.of("from", "to", "min", "max"));
            check.require(unknown.isEmpty() && l.hasPath("from") && l.hasPath("to"), "trials.limits",
                    "entries hold from and to (trials columns) and min and/or max (seconds); got " + new TreeSet<>(l.root().keySet()));
            limits.add(new Limit(l.getString("from"), l.getString("to"), l.hasPath("min") ? l.getDouble("min") : Double.NEGATIVE_INFINITY,
                    l.hasPath("max") ? l.getDouble("max") : Double.POSITIVE_INFINITY));
        }
        return limits;
    }

    private static String quoted(String key) {
        return com.typesafe.config.ConfigUtil.quoteString(key);
    }

    /** The section as nested sorted maps, for the manifest and the fingerprint. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sorted(ConfigValue v) {
        return (Map<String, Object>) sortedValue(v.unwrapped());
    }

    private static Object sortedValue(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sortedValue(x)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(NwbMapping::sortedValue).toList();
        }
        return o;
    }
}
