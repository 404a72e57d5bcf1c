package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The convention for sections whose entries users name freely, such as one entry per modality under
 * {@code model.modalities}. A module declares them in its {@code reference.conf}:
 * <pre>
 * open-sections { "model.modalities" = "model.modality-template" }
 * model.modality-template { encoder = "", dropout = 0.1 }
 * </pre>
 * The key is the open section's path (quoted, one key), the value the path of a template section.
 * Every entry of the open section must be a section whose keys are keys of the template, and the
 * template's values are each entry's defaults. A template path of {@code ""} leaves the entries
 * unchecked (and gives no defaults).
 */
public final class OpenSections {

    /** The reference key that declares open sections. */
    public static final String KEY = "open-sections";

    private final List<Section> sections;

    private OpenSections(List<Section> sections) {
        this.sections = sections;
    }

    /** A declared open section: its path, and its template's path (empty: unchecked). */
    record Section(List<String> path, List<String> template, String declaredAt) {
        boolean unchecked() {
            return template.isEmpty();
        }

        String pathText() {
            return ConfigUtil.joinPath(path);
        }
    }

    /** Where a key lies inside an entry of an open section. */
    record Match(Section section, String entry, List<String> rest) {
        /** The key's counterpart in the template. */
        List<String> templatePath() {
            List<String> p = new ArrayList<>(section.template());
            p.addAll(rest);
            return p;
        }
    }

    /**
     * Reads the declarations from a resolved reference.
     *
     * @throws IllegalStateException when a declaration is malformed or names a template the reference lacks
     */
    public static OpenSections of(Config reference) {
        if (!reference.hasPath(KEY)) {
            return new OpenSections(List.of());
        }
        List<Section> sections = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : reference.getObject(KEY).entrySet()) {
            ConfigValue v = e.getValue();
            String at = v.origin().description();
            if (v.valueType() != ConfigValueType.STRING) {
                throw new IllegalStateException(KEY + ".\"" + e.getKey() + "\" (" + at + ") must be the path of a template section, or \"\"");
            }
            String template = (String) v.unwrapped();
            if (!template.isEmpty() && (!reference.hasPath(template) || reference.getValue(template).valueType() != ConfigValueType.OBJECT)) {
                throw new IllegalStateException(KEY + ".\"" + e.getKey() + "\" (" + at + ") names the template '" + template
                        + "', which is not a section of any reference.conf");
            }
            sections.add(new Section(ConfigUtil.splitPath(e.getKey()), template.isEmpty() ? List.of() : ConfigUtil.splitPath(template), at));
        }
        sections.sort(Comparator.comparingInt((Section s) -> s.path().size()).reversed());
        return new OpenSections(List.copyOf(sections));
    }

    List<Section> sections() {
        return sections;
    }

    /** The innermost open section whose entry holds {@code key}, if any. */
    Optional<Match> match(List<String> key) {
        for (Section s : sections) {
            int n = s.path().size();
            if (key.size() > n && key.subList(0, n).equals(s.path())) {
                return Optional.of(new Match(s, key.get(n), List.copyOf(key.subList(n + 1, key.size()))));
            }
        }
        return Optional.empty();
    }

    /** {@code config} with each entry of each open section filled with its template's values where it sets none. */
    Config withTemplateDefaults(Config config) {
        Config out = config;
        for (Section s : sections) {
            if (s.unchecked() || !out.hasPath(s.pathText())) {
                continue;
            }
            ConfigObject template = out.getObject(ConfigUtil.joinPath(s.template()));
            for (Map.Entry<String, ConfigValue> entry : out.getObject(s.pathText()).entrySet()) {
                if (entry.getValue() instanceof ConfigObject object) {
                    List<String> at = new ArrayList<>(s.path());
                    at.add(entry.getKey());
                    out = out.withValue(ConfigUtil.joinPath(at), object.withFallback(template));
                }
            }
        }
        return out;
    }
}
