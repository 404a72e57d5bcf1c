package org.nedsj.trainer.tune;

/**
 * Where a sweep's trial segments run: in this process, in child processes of this machine, or on a cluster.
 * {@link #run} is called from up to {@link #slots()} threads of the sweep at once.
 */
public interface TrialExecutor extends AutoCloseable {

    /** How many segments run at once. */
    int slots();

    /** Runs one segment to its end; a failure of the trial, or of whatever ran it, is a failed outcome. */
    TrialSegment.Outcome run(TrialSegment segment);

    /** What runs the trials, for the console, e.g. "2 child processes of 1 thread each". */
    String describe();

    /** Ends whatever still runs (child processes, a cluster connection). */
    @Override
    void close();
}
