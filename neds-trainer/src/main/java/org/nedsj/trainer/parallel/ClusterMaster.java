package org.nedsj.trainer.parallel;

import com.typesafe.config.Config;

/**
 * The cluster engine and master a run's steps go to ({@code neds train --spark MASTER}); its tasks per
 * step are {@code train.<engine>.tasks}, a whole number or {@code auto} (the engine's default).
 */
public record ClusterMaster(String engine, String master) {

    public ClusterMaster {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--" + engine + " needs a master, e.g. --" + engine + " local[2]");
        }
    }

    /** Connects through the engine's factory, with the tasks per step the {@code train} section asks for. */
    public ClusterSteps connect(Config train) {
        int tasks = tasks(train);
        return ClusterStepFactory.find(engine).connect(master, tasks);
    }

    /** {@code train.<engine>.tasks}: 0 for {@code auto}; a whole number (or its text, from a system property) as is. */
    int tasks(Config train) {
        String key = engine + ".tasks";
        Object value = train.getValue(key).unwrapped();
        if ("auto".equals(value)) {
            return 0;
        }
        Integer tasks = value instanceof Integer n ? n : value instanceof String text && text.strip().matches("\\d{1,9}")
                ? Integer.valueOf(text.strip()) : null;
        if (tasks != null && tasks >= 1) {
            return tasks;
        }
        throw new IllegalArgumentException("train." + key + " = " + train.getValue(key).render() + ": must be a whole "
                + "number of at least 1, or auto; fix it in the experiment file or with --set train." + key + "=…");
    }
}
