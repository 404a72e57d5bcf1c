package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a user's configuration against the merged reference: every key must be a reference key (or a
 * template key inside an entry of an open section), and every value must have the reference's type.
 */
final class ConfigSchemaCheck {

    /** How many templates deep a key may be followed (templates may contain open sections). */
    private static final int MAX_TEMPLATE_DEPTH = 8;

    private final Config reference;
    private final OpenSections open;
    private final List<String> referenceKeys;

    /** @param reference the merged reference, resolved */
    ConfigSchemaCheck(Config reference, OpenSections open) {
        this.reference = reference;
        this.open = open;
        List<String> keys = new ArrayList<>();
        collectLeafKeys(reference.root(), new ArrayList<>(), keys);
        keys.removeIf(k -> k.startsWith(OpenSections.KEY + "."));
        this.referenceKeys = List.copyOf(keys);
    }

    /** One problem per key of {@code user} (resolved) that no reference declares, in key order. */
    List<String> unknownKeys(Config user) {
        List<String> problems = new ArrayList<>();
        Map<String, ConfigValue> leaves = new TreeMap<>();
        user.entrySet().forEach(e -> leaves.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, ConfigValue> leaf : leaves.entrySet()) {
            List<String> key = ConfigUtil.splitPath(leaf.getKey());
            if (!known(key, 0)) {
                problems.add(unknownKeyProblem(key, leaf.getKey(), leaf.getValue().origin()));
            }
        }
        return problems;
    }

    /** Values whose type differs from the reference's, and open-section entries that differ from their template. */
    List<String> typeProblems(Config complete) {
        List<String> problems = new ArrayList<>(validate(complete, reference, List.of()));
        for (OpenSections.Section s : open.sections()) {
            if (s.unchecked() || !complete.hasPath(s.pathText())) {
                continue;
            }
            Config template = complete.getConfig(ConfigUtil.joinPath(s.template()));
            for (Map.Entry<String, ConfigValue> entry : complete.getObject(s.pathText()).entrySet()) {
                if (entry.getValue() instanceof ConfigObject object) {
                    List<String> at = new ArrayList<>(s.path());
                    at.add(entry.getKey());
                    problems.addAll(validate(object.toConfig(), template, at));
                }
            }
        }
        return problems;
    }

    private boolean known(List<String> key, int depth) {
        if (reference.hasPathOrNull(ConfigUtil.joinPath(key))) {
            return true;
        }
        return open.match(key).map(m -> {
            if (m.section().unchecked()) {
                return true;
            }
            return !m.rest().isEmpty() && depth < MAX_TEMPLATE_DEPTH && known(m.templatePath(), depth + 1);
        }).orElse(false);
    }

    private String unknownKeyProblem(List<String> key, String keyText, ConfigOrigin origin) {
        var match = open.match(key);
        if (match.isPresent() && match.get().rest().isEmpty()) {
            OpenSections.Section s = match.get().section();
            return "'" + keyText + "' (" + where(origin) + ") must be a section: the entries of " + s.pathText()
                    + " take the keys of " + ConfigUtil.joinPath(s.template()) + ", e.g. " + keyText + " { "
                    + templateKeys(s).stream().findFirst().orElse("key") + " = … }";
        }
        List<String> candidates = new ArrayList<>(referenceKeys);
        match.ifPresent(m -> {
            List<String> entry = new ArrayList<>(m.section().path());
            entry.add(m.entry());
            for (String templateKey : templateKeys(m.section())) {
                candidates.add(ConfigUtil.joinPath(entry) + "." + templateKey);
            }
        });
        String nearest = NearestKey.among(candidates, keyText).map(k -> k + farHint(keyText, k))
                .orElse("none (no reference.conf declares any key)");
        return "unknown key '" + keyText + "' (" + where(origin) + "); nearest valid key: " + nearest
                + ". Every key must be declared in a module's or plugin's reference.conf";
    }

    /** When even the nearest key is far off, the key is more likely misplaced than misspelt: list the sections. */
    private String farHint(String key, String nearest) {
        if (NearestKey.distance(key, nearest) <= Math.max(3, key.length() / 3)) {
            return "";
        }
        TreeSet<String> sections = new TreeSet<>();
        referenceKeys.forEach(k -> sections.add(ConfigUtil.splitPath(k).get(0)));
        return " (not close; the top-level sections are " + String.join(", ", sections) + ")";
    }

    /** The template's keys, relative to the template. */
    private List<String> templateKeys(OpenSections.Section s) {
        if (s.unchecked()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        collectLeafKeys(reference.getObject(ConfigUtil.joinPath(s.template())), new ArrayList<>(), keys);
        return keys;
    }

    private static List<String> validate(Config config, Config against, List<String> prefix) {
        try {
            config.checkValid(against);
            return List.of();
        } catch (ConfigException.ValidationFailed e) {
            List<String> problems = new ArrayList<>();
            for (ConfigException.ValidationProblem p : e.problems()) {
                String path = prefix.isEmpty() ? p.path() : ConfigUtil.joinPath(prefix) + "." + p.path();
                problems.add(path + " (" + where(p.origin()) + "): " + p.problem());
            }
            return problems;
        }
    }

    /** File and line when the value came from a file, else the origin's own description (e.g. {@code --set a=1}). */
    static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "unknown origin";
        }
        String source = origin.filename() != null ? origin.filename()
                : origin.url() != null ? origin.url().toString() : null;
        if (source == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? source + ", line " + origin.lineNumber() : source;
    }

    /** Leaf paths (null values included), sorted. */
    private static void collectLeafKeys(ConfigObject object, List<String> prefix, List<String> out) {
        for (String k : new TreeSet<>(object.keySet())) {
            List<String> path = new ArrayList<>(prefix);
            path.add(k);
            ConfigValue v = object.get(k);
            if (v instanceof ConfigObject child && !child.isEmpty()) {
                collectLeafKeys(child, path, out);
            } else {
                out.add(ConfigUtil.joinPath(path));
            }
        }
    }
}
