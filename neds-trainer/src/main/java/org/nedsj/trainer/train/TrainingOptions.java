package org.nedsj.trainer.train;

import com.typesafe.config.Config;

/**
 * The {@code train} section: optimiser, schedule, batching, budget and stopping.
 */
public record TrainingOptions(long seed, int epochs, int batchSize, String batching, double lr, double warmup,
                              double warmupStartFactor, double endFactor, double weightDecay, double beta1,
                              double beta2, double epsilon, double clipNorm, int patience, double minDelta,
                              int maxStepsPerEpoch, double valSmoothing) {

    public TrainingOptions {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("train.epochs (" + epochs + ") and train.batch-size (" + batchSize
                    + ") must be at least 1");
        }
        if (!(valSmoothing > 0 && valSmoothing <= 1)) {
            throw new IllegalArgumentException("train.val-smoothing = " + valSmoothing + ": must lie in (0, 1] (1: no smoothing)");
        }
        if (lr <= 0) {
            throw new IllegalArgumentException("train.lr = " + lr + ": must be positive");
        }
    }

    public static TrainingOptions from(Config train) {
        return new TrainingOptions(train.getLong("seed"), train.getInt("epochs"), train.getInt("batch-size"),
                train.getString("batching"), train.getDouble("lr"), train.getDouble("warmup"),
                train.getDouble("warmup-start-factor"), train.getDouble("end-factor"), train.getDouble("weight-decay"),
                train.getDouble("beta1"), train.getDouble("beta2"), train.getDouble("epsilon"),
                train.getDouble("clip-norm"), train.getInt("patience"), train.getDouble("min-delta"),
                train.getInt("max-steps-per-epoch"), train.getDouble("val-smoothing"));
    }

    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(seed, n, batchSize, batching, lr, warmup, warmupStartFactor, endFactor, weightDecay,
                beta1, beta2, epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing);
    }
}
