package org.nedsj.trainer.run;

/**
 * What one epoch did: where the run is, how fast it went ({@code seconds} of training steps, and
 * {@code valSeconds} of the validation passes after them), and the train and validation losses.
 */
public record EpochSummary(int epoch, long step, double lr, double seconds, double trialsPerSecond,
                           LossTally train, LossTally val, double valSeconds) {
}
