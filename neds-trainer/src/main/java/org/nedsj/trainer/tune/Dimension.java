package org.nedsj.trainer.tune;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.SplittableRandom;

/** One experiment key a sweep varies, and how its values are drawn. Values carry the space file's origin. */
public sealed interface Dimension permits Dimension.LogUniform, Dimension.Uniform, Dimension.Choice {

    /** The experiment key, e.g. {@code train.lr}. */
    String key();

    /** Where the entry was written (the space file and line), for messages. */
    ConfigOrigin origin();

    ConfigValue sample(SplittableRandom random);

    /** The values at the ends of the range (every value, for a choice): each must pass the experiment's checks. */
    List<ConfigValue> edges();

    /** A number drawn so that its logarithm is uniform in [log low, log high]. */
    record LogUniform(String key, double low, double high, ConfigOrigin origin) implements Dimension {
        @Override
        public ConfigValue sample(SplittableRandom random) {
            return number(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))), origin);
        }

        @Override
        public List<ConfigValue> edges() {
            return List.of(number(low, origin), number(high, origin));
        }
    }

    /** A number drawn uniformly in [low, high]. */
    record Uniform(String key, double low, double high, ConfigOrigin origin) implements Dimension {
        @Override
        public ConfigValue sample(SplittableRandom random) {
            return number(low + random.nextDouble() * (high - low), origin);
        }

        @Override
        public List<ConfigValue> edges() {
            return List.of(number(low, origin), number(high, origin));
        }
    }

    /** One of a list of values, each equally likely; grid search steps through them in order. */
    record Choice(String key, List<ConfigValue> values, ConfigOrigin origin) implements Dimension {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public ConfigValue sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<ConfigValue> edges() {
            return values;
        }
    }

    private static ConfigValue number(double v, ConfigOrigin origin) {
        return ConfigValueFactory.fromAnyRef(v).withOrigin(origin);
    }
}
