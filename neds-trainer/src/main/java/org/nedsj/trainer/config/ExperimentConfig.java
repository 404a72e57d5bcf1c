package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * An experiment's configuration, checked and resolved: the user's layers over every
 * {@code reference.conf}, open-section entries filled from their templates.
 *
 * @param config  the resolved configuration (each value keeps its origin)
 * @param sources what it was made from
 */
public record ExperimentConfig(Config config, ExperimentSources sources) {

    public ExperimentConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sources, "sources");
        if (!config.isResolved()) {
            throw new IllegalArgumentException("an ExperimentConfig holds a resolved configuration");
        }
    }
}
