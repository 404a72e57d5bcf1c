package org.nedsj.trainer.parallel;

import java.util.ServiceLoader;

/**
 * An engine outside this process that computes each optimiser step's gradient, for {@code neds train
 * --spark MASTER}: an optional module implements it and registers it in {@code META-INF/services}
 * (neds-spark: {@code spark}), so that the core never names the engine's classes. The driver, this
 * process, keeps the optimiser, the run directory and the checkpoints.
 */
public interface ClusterStepFactory {

    /** The engine's name, as the command line's option names it ({@code spark}). */
    String engine();

    /**
     * Connects to {@code master} (for Spark: {@code local[N]}, {@code spark://host:port}, ...).
     *
     * @param tasks the tasks each optimiser step is cut into; 0: the engine's default (Spark: the
     *              context's default parallelism)
     */
    ClusterSteps connect(String master, int tasks);

    /** The factory of {@code engine} on the class path, or one message saying how to get it. */
    static ClusterStepFactory find(String engine) {
        return ServiceLoader.load(ClusterStepFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.engine().equals(engine)).findFirst()
                .orElseThrow(() -> new IllegalStateException("--" + engine + " needs the " + engine + " bundle, which "
                        + "is not on the class path: unpack neds-" + engine + "-bundle-<version>.tar.gz into the folder "
                        + "that holds this distribution (it adds " + engine + "/ beside lib/) and run bin/neds again "
                        + "(with --" + engine + " it puts " + engine + "/ on the class path); see \"On Apache Spark\" in "
                        + "the README"));
    }
}
