package org.nedsj.trainer.train;

import com.typesafe.config.Config;

/**
 * The {@code train} section: optimiser, schedule, batching, budget and stopping, and how a step is
 * spread: over {@code replicas} model replicas stepping shards of each batch at once, and over
 * {@code accumulate} micro-batches of {@code batchSize} trials per optimiser step (an optimiser step
 * sees {@code batchSize × accumulate} trials). With {@code averageEpochs} above 0 the run validates, selects
 * and keeps an exponential moving average of its weights spanning about that many epochs. With {@code keepsLast}
 * ({@code train.select = last}) the run's model ({@code best.zip}) is its last epoch's weights and no modality
 * gets a checkpoint of its own; otherwise ({@code validation}) the epoch of the best smoothed validation loss,
 * and each modality's own best in {@code best-<modality>.zip}.
 */
public record TrainingOptions(long seed, int epochs, int batchSize, String batching, double lr, double warmup,
                              double warmupStartFactor, double endFactor, double weightDecay, double beta1,
                              double beta2, double epsilon, double clipNorm, int patience, double minDelta,
                              int maxStepsPerEpoch, double valSmoothing, int replicas, int accumulate,
                              double averageEpochs, boolean keepsLast) {

    /** No weight average. */
    public TrainingOptions(long seed, int epochs, int batchSize, String batching, double lr, double warmup,
                           double warmupStartFactor, double endFactor, double weightDecay, double beta1, double beta2,
                           double epsilon, double clipNorm, int patience, double minDelta, int maxStepsPerEpoch,
                           double valSmoothing, int replicas, int accumulate) {
        this(seed, epochs, batchSize, batching, lr, warmup, warmupStartFactor, endFactor, weightDecay, beta1, beta2,
                epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing, replicas, accumulate, 0,
                false);
    }

    /** One replica, no accumulation, no weight average. */
    public TrainingOptions(long seed, int epochs, int batchSize, String batching, double lr, double warmup,
                           double warmupStartFactor, double endFactor, double weightDecay, double beta1, double beta2,
                           double epsilon, double clipNorm, int patience, double minDelta, int maxStepsPerEpoch,
                           double valSmoothing) {
        this(seed, epochs, batchSize, batching, lr, warmup, warmupStartFactor, endFactor, weightDecay, beta1, beta2,
                epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing, 1, 1);
    }

    public TrainingOptions {
        atLeast("parallel.replicas", replicas, 1);
        atLeast("accumulate", accumulate, 1);
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
        notNegative("average-epochs", averageEpochs);
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

    /**
     * The options of a {@code train} section; {@code train.parallel.replicas = auto} becomes
     * {@code autoReplicas} (one per visible GPU), {@code train.batch-size = auto} {@code autoBatchSize}.
     */
    public static TrainingOptions from(Config train, int autoReplicas, int autoBatchSize) {
        return new TrainingOptions(train.getLong("seed"), train.getInt("epochs"),
                countOrAuto(train, "batch-size", autoBatchSize),
                train.getString("batching"), train.getDouble("lr"), train.getDouble("warmup"),
                train.getDouble("warmup-start-factor"), train.getDouble("end-factor"), train.getDouble("weight-decay"),
                train.getDouble("beta1"), train.getDouble("beta2"), train.getDouble("epsilon"),
                train.getDouble("clip-norm"), train.getInt("patience"), train.getDouble("min-delta"),
                train.getInt("max-steps-per-epoch"), train.getDouble("val-smoothing"),
                countOrAuto(train, "parallel.replicas", autoReplicas), count(train, "accumulate"),
                train.getDouble("average-epochs"), keepsLast(train.getString("select")));
    }

    private static boolean keepsLast(String select) {
        return switch (select) {
            case "last" -> true;
            case "validation" -> false;
            default -> throw invalid("select", select, "must be validation (the best validated epoch's weights) or last "
                    + "(the last epoch's)");
        };
    }

    /** A whole number, or the word {@code auto} (then {@code auto}); anything else names the key and the fix. */
    private static int countOrAuto(Config train, String key, int auto) {
        if (train.getValue(key).valueType() == com.typesafe.config.ConfigValueType.STRING
                && "auto".equals(train.getString(key))) {
            return auto;
        }
        return count(train, key, " or auto");
    }

    private static int count(Config train, String key) {
        return count(train, key, "");
    }

    private static int count(Config train, String key, String alternative) {
        try {
            return train.getInt(key);
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw invalid(key, train.getValue(key).render(), "must be a whole number" + alternative);
        }
    }

    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(seed, n, batchSize, batching, lr, warmup, warmupStartFactor, endFactor, weightDecay,
                beta1, beta2, epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing, replicas, accumulate,
                averageEpochs, keepsLast);
    }

    /** These options with {@code replicas} replicas and {@code accumulate} micro-batches per optimiser step. */
    public TrainingOptions withParallel(int replicas, int accumulate) {
        return new TrainingOptions(seed, epochs, batchSize, batching, lr, warmup, warmupStartFactor, endFactor,
                weightDecay, beta1, beta2, epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing, replicas,
                accumulate, averageEpochs, keepsLast);
    }

    /** These options with a weight average over about {@code epochs} epochs (0: none). */
    public TrainingOptions withAverageEpochs(double epochs) {
        return new TrainingOptions(seed, this.epochs, batchSize, batching, lr, warmup, warmupStartFactor, endFactor,
                weightDecay, beta1, beta2, epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing, replicas,
                accumulate, epochs, keepsLast);
    }

    /** These options with the last epoch's weights kept as the run's model ({@code train.select = last}). */
    public TrainingOptions keepingLast() {
        return new TrainingOptions(seed, epochs, batchSize, batching, lr, warmup, warmupStartFactor, endFactor,
                weightDecay, beta1, beta2, epsilon, clipNorm, patience, minDelta, maxStepsPerEpoch, valSmoothing, replicas,
                accumulate, averageEpochs, true);
    }

    /** Trials per optimiser step: {@code batchSize × accumulate}. */
    public int stepTrials() {
        return batchSize * accumulate;
    }
}
