package org.nedsj.trainer.tune;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Locale;
import java.util.Map;
import org.nedsj.model.ModelConfig;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.experiment.ScalePresets;
import org.nedsj.trainer.train.TrainingOptions;

/**
 * Puts every value a sweep will try through the experiment's own checks before any trial starts: the ends
 * of each range and every choice (alone over the experiment), then each trial's whole set of values. Keys
 * are checked like any key (an unknown one names the space file, its line and the nearest valid key),
 * and values by the same code that reads them for training: the {@code train} and {@code model} sections
 * and the training masking scheme.
 */
final class SpaceCheck {

    private final ExperimentContext context;

    SpaceCheck(ExperimentContext context) {
        this.context = context;
    }

    void check(TuneSettings settings) {
        for (Dimension d : settings.space().dimensions()) {
            for (ConfigValue edge : d.edges()) {
                check(Map.of(d.key(), edge), "tune.space." + d.key() + " = " + render(edge) + " ("
                        + SearchSpace.where(d.origin()) + ")");
            }
        }
        for (int trial = 0; trial < settings.trialCount(); trial++) {
            Map<String, ConfigValue> values = settings.values(trial);
            check(values, "trial " + trial + " of the sweep (" + describe(values) + ")");
        }
    }

    private void check(Map<String, ConfigValue> values, String what) {
        Config layer = layer(values);
        Config config = context.check(layer).config();
        try {
            TrainingOptions.from(config.getConfig("train"), ScalePresets.replicas(), ScalePresets.batchSize(1));
            if (!"auto".equals(config.getString("model.preset"))) {
                ModelConfig.from(config.getConfig("model"));
            }
            String mode = config.getString("train.mode");
            if (config.hasPath("train.modes." + mode)) {
                context.plugins().maskingSchemes(config.getConfig("masking")).create(config.getString("train.modes." + mode));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " fails the experiment's checks: " + e.getMessage()
                    + "; narrow the search space");
        }
    }

    /** The values as one configuration layer, each keeping its space-file origin. */
    static Config layer(Map<String, ConfigValue> values) {
        Config layer = ConfigFactory.empty();
        for (var e : values.entrySet()) {
            layer = layer.withValue(e.getKey(), e.getValue());
        }
        return layer;
    }

    static String describe(Map<String, ConfigValue> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(render(v)));
        return s.toString();
    }

    static String render(ConfigValue v) {
        Object u = v.unwrapped();
        if (u instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return u instanceof String s ? s : v.render(ConfigRenderOptions.concise());
    }
}
