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
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        atLeast("patience", patience, 1);
        atLeast("max-steps-per-epoch", maxStepsPerEpoch, 0);
        positive("lr", lr);
        positive("epsilon", epsilon);
        within("warmup", warmup, 0, 1);
        within("warmup-start-factor", warmupStartFactor, 0, 1);
        within("end-factor", endFactor, 0, 1);
        notNegative("weight-decay", weightDecay);
        notNegative("clip-norm", clipNorm);
        notNegative("min-delta", minDelta);
        belowOne("beta1", beta1);
        belowOne("beta2", beta2);
        if (!(valSmoothing > 0 && valSmoothing <= 1)) {
            throw invalid("val-smoothing", Double.toString(valSmoothing), "must lie in (0, 1] (1: no smoothing)");
        }
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw invalid(key, Long.toString(value), "must be at least " + min);
        }
    }

    private static void positive(String key, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw invalid(key, Double.toString(value), "must be a finite number above 0");
        }
    }

    private static void notNegative(String key, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw invalid(key, Double.toString(value), "must be a finite number of 0 or more");
        }
    }

    private static void within(String key, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw invalid(key, Double.toString(value), "must be between " + min + " and " + max);
        }
    }

    private static void belowOne(String key, double value) {
        if (!Double.isFinite(value) || value < 0 || value >= 1) {
            throw invalid(key, Double.toString(value), "must be at least 0 and below 1");
        }
    }

    private static IllegalArgumentException invalid(String key, String value, String rule) {
        return new IllegalArgumentException("train." + key + " = " + value + ": " + rule + "; fix it in the experiment "
                + "file or with --set train." + key + "=…");
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
