package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;

/**
 * Turns {@link ExperimentSources} into an {@link ExperimentConfig}: merges the user's layers over
 * the reference, resolves substitutions, rejects unknown keys (naming key, file and line, and the
 * nearest valid key) and values of the wrong type, and fills open-section entries from their
 * templates.
 */
public final class ExperimentConfigLoader {

    /** The resource every module and plugin ships its defaults in. */
    public static final String REFERENCE_RESOURCE = "reference.conf";

    private final Config reference;

    /** @param reference the merged, unresolved defaults */
    public ExperimentConfigLoader(Config reference) {
        this.reference = reference;
    }

    /** Defaults from every {@code reference.conf} visible to {@code loader} (give it the plugins' resource loader). */
    public static ExperimentConfigLoader fromResources(ClassLoader loader) {
        return new ExperimentConfigLoader(ConfigFactory.parseResources(loader, REFERENCE_RESOURCE));
    }

    /** The merged defaults, unresolved. */
    public Config reference() {
        return reference;
    }

    /**
     * @throws ExperimentConfigException listing every unknown key and wrongly typed value
     * @throws IllegalArgumentException  for a missing experiment file or a malformed {@code --set}
     * @throws com.typesafe.config.ConfigException for HOCON syntax errors and unresolvable substitutions
     *                                             (their messages name file and line)
     */
    public ExperimentConfig load(ExperimentSources sources) {
        return load(sources, ConfigFactory.empty());
    }

    /**
     * As {@link #load(ExperimentSources)} with {@code top} over every user layer; its values keep their own
     * origins in messages (a sweep's search-space file and line, say).
     */
    public ExperimentConfig load(ExperimentSources sources, Config top) {
        Config user = top.withFallback(sources.userLayers());
        Config merged = user.withFallback(reference).resolve();
        Config resolvedReference = reference.resolveWith(merged);
        OpenSections open = OpenSections.of(resolvedReference);
        ConfigSchemaCheck check = new ConfigSchemaCheck(resolvedReference, open);
        requireNone(check.unknownKeys(user.resolveWith(merged)));
        Config complete = open.withTemplateDefaults(merged);
        requireNone(check.typeProblems(complete));
        return new ExperimentConfig(complete, sources);
    }

    private static void requireNone(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ExperimentConfigException(problems);
        }
    }
}
