package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of the weights over optimiser steps (Polyak averaging), the weights
 * a run validates, selects and keeps ({@code train.average-epochs}). With a few hundred trials per
 * session the stepped weights jitter from step to step; their average is what the steps agree on.
 * <p>
 * The store holds either the stepped weights (while training) or the average (while validating and
 * writing checkpoints); {@link #show} and {@link #hide} exchange them, and the other set waits here.
 */
final class WeightAverage {

    private final INDArray held;
    private final INDArray scratch;
    private final double decay;
    private long updates;
    private boolean showing;

    /**
     * @param start   the weights the average starts from (copied)
     * @param decay   the weight of the old average at each step once warmed up, in [0, 1)
     * @param updates steps already averaged (0 for a new run; a resumed run's step count)
     */
    WeightAverage(INDArray start, double decay, long updates) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay " + decay + " outside [0, 1)");
        }
        this.held = start.dup();
        this.scratch = start.dup();
        this.decay = decay;
        this.updates = updates;
    }

    /** The decay of an average spanning about {@code steps} optimiser steps (0, no averaging, for one step or less). */
    static double decayOver(double steps) {
        return steps <= 1 ? 0 : 1 - 1 / steps;
    }

    /**
     * Folds the stepped weights in {@code values} into the average. At step t the old average counts
     * {@code min(decay, (1 + t) / (10 + t))}: early on less, so the first steps' weights do not linger.
     */
    void update(INDArray values) {
        if (showing) {
            throw new IllegalStateException("the store holds the average, not stepped weights");
        }
        updates++;
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        held.muli(d);
        Nd4j.getBlasWrapper().axpy(1 - d, values, held);   // in place: no parameter-sized temporary each step
    }

    /** Puts the average into {@code values} and keeps the stepped weights here. */
    void show(INDArray values) {
        if (!showing) {
            exchange(values);
            showing = true;
        }
    }

    /** Puts the stepped weights back into {@code values}. */
    void hide(INDArray values) {
        if (showing) {
            exchange(values);
            showing = false;
        }
    }

    /** While the average is shown: the stepped weights, which a checkpoint keeps so that a resumed run continues them. */
    INDArray steppedWeights() {
        if (!showing) {
            throw new IllegalStateException("the stepped weights are in the store");
        }
        return held;
    }

    private void exchange(INDArray values) {
        scratch.assign(values);
        values.assign(held);
        held.assign(scratch);
    }
}
