package org.nedsj.trainer.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A trained run's model settings are its checkpoint's: {@code neds finetune} and {@code neds train --resume}
 * rebuild the model from the description the checkpoint stores (sizes, dropout, every modality's settings),
 * not from the configuration. A {@code --set model.…} (or {@code -Dneds.model.…}) that
 * differs from the run's own value would be ignored without a word; it is refused instead, naming the key,
 * the run's value and where the setting takes effect. Values equal to the run's, and {@code auto}, pass.
 */
public final class CheckpointedModelSettings {

    private static final String MODEL = "model";

    private CheckpointedModelSettings() {
    }

    /**
     * @param runConfig the run's resolved configuration file
     * @param sets      the command's {@code --set key=value} arguments
     * @param command   the command, as the message names it (e.g. {@code neds finetune})
     * @throws IllegalArgumentException for the first model key whose given value differs from the run's
     */
    public static void refuseChanges(Path runConfig, List<String> sets, String command) {
        refuseChanges(runConfig, sets, System.getProperties(), command);
    }

    static void refuseChanges(Path runConfig, List<String> sets, Properties systemProperties, String command) {
        Config given = new ExperimentSources(Optional.empty(), sets, systemProperties).userLayers();
        if (!given.hasPath(MODEL)) {
            return;
        }
        Config run = new ExperimentSources(Optional.of(runConfig), List.of(), new Properties()).userLayers();
        for (Map.Entry<String, ConfigValue> e : given.getConfig(MODEL).entrySet()) {
            String key = MODEL + "." + e.getKey();
            ConfigValue value = e.getValue();
            if (!"auto".equals(value.unwrapped()) && !(run.hasPath(key) && same(run.getValue(key), value))) {
                throw new IllegalArgumentException(value.origin().description() + ": " + command
                        + " builds the model from the run's checkpoint, " + stored(run, key)
                        + ", so the setting would have no effect; a model setting takes effect when a run starts "
                        + "(neds train --config EXPERIMENT --set " + key + "=" + value.render() + ")");
            }
        }
    }

    private static String stored(Config run, String key) {
        return run.hasPath(key) ? "whose " + key + " = " + run.getValue(key).render() : "which has no " + key;
    }

    /** Equal values; numbers by value, so 3 and 3.0 are the same. */
    private static boolean same(ConfigValue a, ConfigValue b) {
        Object x = a.unwrapped();
        Object y = b.unwrapped();
        if (x instanceof Number n && y instanceof Number m) {
            return n.doubleValue() == m.doubleValue();
        }
        return x == null ? y == null : x.equals(y);
    }
}
