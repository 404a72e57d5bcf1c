package org.nedsj.trainer.config;

import com.google.inject.AbstractModule;
import com.typesafe.config.Config;

/** Binds the experiment's resolved {@link Config} and its {@link ExperimentConfig} for injection. */
public final class ExperimentModule extends AbstractModule {

    private final ExperimentConfig experiment;

    public ExperimentModule(ExperimentConfig experiment) {
        this.experiment = experiment;
    }

    @Override
    protected void configure() {
        bind(ExperimentConfig.class).toInstance(experiment);
        bind(Config.class).toInstance(experiment.config());
    }
}
