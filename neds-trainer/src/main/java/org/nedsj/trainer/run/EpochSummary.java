package org.nedsj.trainer.run;

/**
 * What one epoch did: where the run is, how fast it went ({@code seconds} of training steps, and
 * {@code valSeconds} of the validation passes after them), the train and validation losses under
 * the training scheme, and each modality's validation loss under its own task ({@code tasks}, the
 * same tally as {@code val} when the tasks are validated under the training scheme).
 */
public record EpochSummary(int epoch, long step, double lr, double seconds, double trialsPerSecond,
                           LossTally train, LossTally val, LossTally tasks, double valSeconds) {
}
