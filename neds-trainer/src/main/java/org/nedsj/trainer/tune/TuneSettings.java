package org.nedsj.trainer.tune;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;

/**
 * The {@code tune} section, checked.
 *
 * @param concurrency trials at once that were asked for ({@code auto}: 0)
 */
public record TuneSettings(String metric, String scheduler, int trials, int maxEpochs, int graceEpochs, int reduction,
                           int concurrency, long seed, SearchSpace space) {

    public static final List<String> SCHEDULERS = List.of("asha", "random", "grid");

    /** @param trials {@code --trials}, or null for {@code tune.trials} */
    public static TuneSettings from(Config tune, Integer trials) {
        String metric = tune.getString("metric");
        if (!metric.matches("val\\.[^.]+|[^.]+\\.[^.]+\\.[^.]+")) {
            throw invalid("metric", metric, "a validation loss (val.loss, val.<modality>) or a report metric "
                    + "<scheme>.<modality>.<metric>, e.g. decoding.wheel.r2");
        }
        String scheduler = tune.getString("scheduler");
        if (!SCHEDULERS.contains(scheduler)) {
            throw invalid("scheduler", scheduler, "use one of " + SCHEDULERS);
        }
        int n = trials != null ? trials : tune.getInt("trials");
        if (n < 1) {
            throw invalid("trials", Integer.toString(n), "a sweep needs at least one trial");
        }
        int max = positive(tune, "max-epochs");
        int grace = positive(tune, "grace-epochs");
        if (grace > max) {
            throw invalid("grace-epochs", Integer.toString(grace), "the first rung must not pass tune.max-epochs = " + max);
        }
        int reduction = tune.getInt("reduction");
        if (reduction < 2) {
            throw invalid("reduction", Integer.toString(reduction), "halving needs a factor of at least 2");
        }
        String concurrency = tune.getString("concurrency");
        int slots;
        if (concurrency.equals("auto")) {
            slots = 0;
        } else {
            try {
                slots = Integer.parseInt(concurrency);
            } catch (NumberFormatException e) {
                slots = -1;
            }
            if (slots < 1) {
                throw invalid("concurrency", concurrency, "use auto or a whole number of at least 1");
            }
        }
        return new TuneSettings(metric, scheduler, n, max, grace, reduction, slots, tune.getLong("seed"),
                SearchSpace.from(tune.getObject("space")));
    }

    /** The epochs each trial is judged at: ASHA's rungs, or the budget alone. */
    public List<Integer> rungs() {
        return scheduler.equals("asha") ? AshaScheduler.rungs(graceEpochs, reduction, maxEpochs) : List.of(maxEpochs);
    }

    /** How many trials the sweep runs: a grid runs at most its combinations. */
    public int trialCount() {
        return scheduler.equals("grid") ? Math.min(trials, space.gridSize()) : trials;
    }

    /** Trial {@code trial}'s values of the varied keys. */
    public java.util.Map<String, com.typesafe.config.ConfigValue> values(int trial) {
        return scheduler.equals("grid") ? space.gridPoint(trial) : space.draw(seed, trial);
    }

    private static int positive(Config tune, String key) {
        int v = tune.getInt(key);
        if (v < 1) {
            throw invalid(key, Integer.toString(v), "must be at least 1");
        }
        return v;
    }

    private static IllegalArgumentException invalid(String key, String value, String rule) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "tune.%s = %s: %s", key, value, rule));
    }
}
