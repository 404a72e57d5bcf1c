package org.nedsj.trainer.parallel;

/**
 * The steps of one run on a cluster engine's tasks, connected to its master; {@link #close()} lets
 * the engine go (a context this run started is stopped, one lent to it is left running).
 */
public interface ClusterSteps extends GradientSteps, AutoCloseable {

    /** Where and how each step is computed, for the console, e.g. {@code Spark local[2]: 2 tasks × 1 thread}. */
    String describe();

    @Override
    void close();
}
