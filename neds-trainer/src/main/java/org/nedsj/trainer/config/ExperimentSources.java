package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where an experiment's configuration comes from, highest precedence first: {@code --set} arguments,
 * {@code -Dneds.*} system properties, the experiment file (with whatever it {@code include}s), then
 * the modules' and plugins' {@code reference.conf} defaults.
 *
 * @param file             the experiment's HOCON file, if any
 * @param sets             {@code key=value} strings of {@code --set}
 * @param systemProperties the properties to read {@code neds.*} keys (and {@code neds.home}) from
 */
public record ExperimentSources(Optional<Path> file, List<String> sets, Properties systemProperties) {

    public ExperimentSources {
        Objects.requireNonNull(file, "file");
        sets = List.copyOf(sets);
        Properties copy = new Properties();
        copy.putAll(systemProperties);
        systemProperties = copy;
    }

    /** An experiment file (may be null) and {@code --set} arguments, with this JVM's system properties. */
    public static ExperimentSources of(Path file, List<String> sets) {
        return new ExperimentSources(Optional.ofNullable(file), sets, System.getProperties());
    }

    /**
     * The user's layers merged, unresolved: {@code --set} over {@code -Dneds.*} over the file.
     *
     * @throws IllegalArgumentException when the file is missing, or a {@code --set} is malformed
     * @throws com.typesafe.config.ConfigException.Parse naming file and line for bad HOCON
     */
    public Config userLayers() {
        return ConfigOverrides.fromSetArguments(sets)
                .withFallback(ConfigOverrides.fromSystemProperties(systemProperties))
                .withFallback(file.map(ExperimentSources::parseFile).orElse(ConfigFactory.empty()));
    }

    /** The folder the launcher says the distribution lives in ({@code -Dneds.home}), if any. */
    public Optional<Path> nedsHome() {
        return Optional.ofNullable(systemProperties.getProperty("neds.home")).filter(s -> !s.isBlank()).map(Path::of);
    }

    private static Config parseFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("experiment file " + path + " does not exist or is not a file");
        }
        return ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                .setIncluder(new ExistingFileIncluder(path)));
    }
}
