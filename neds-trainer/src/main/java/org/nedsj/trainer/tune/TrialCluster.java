package org.nedsj.trainer.tune;

import java.io.PrintStream;

/**
 * A cluster that runs a sweep's trial segments as its tasks ({@code neds tune --spark MASTER}), found by
 * {@link java.util.ServiceLoader}: core never names the cluster software. The sweep's own process stays the
 * driver: it runs the scheduler and alone writes the journal; trial directories must lie on a path every worker
 * sees.
 */
public interface TrialCluster {

    /**
     * Connects to {@code master}.
     *
     * @param slots segments at once, or 0 for as many as the cluster offers
     */
    TrialExecutor connect(String master, int slots, PrintStream console);
}
