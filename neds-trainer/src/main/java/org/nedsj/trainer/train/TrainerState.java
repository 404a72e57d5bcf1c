package org.nedsj.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run stands after an epoch; saved in every checkpoint. Every random choice of the run
 * (batch order, masks, dropout) derives from the seed and these counters, so they are the whole
 * random state.
 *
 * @param epoch         epochs completed
 * @param step          optimiser steps taken
 * @param batches       batches drawn (the masking index of the next batch)
 * @param bestValLoss   best (smoothed) validation loss so far
 * @param bestEpoch     epoch of the best validation loss
 * @param stale         epochs since the best one
 * @param seconds       training time so far
 * @param smoothedValLoss the exponentially smoothed validation loss after {@code epoch} (NaN before the first)
 * @param tasks         per modality, its own smoothed validation loss and its best epoch (the per-task checkpoints)
 */
public record TrainerState(int epoch, long step, long batches, double bestValLoss, int bestEpoch, int stale,
                           double seconds, double smoothedValLoss, Map<String, TaskBest> tasks) {

    /**
     * One modality's validation loss, smoothed like the total, and its best so far.
     *
     * @param smoothed the smoothed loss after the last epoch (null before the first)
     * @param best     the lowest smoothed loss (null before the first)
     * @param epoch    the epoch of {@code best}
     */
    public record TaskBest(Double smoothed, Double best, int epoch) {

        /** After an epoch with {@code loss} (NaN: the modality had no validation target, nothing changes). */
        TaskBest smoothedOnly(double loss, double alpha) {
            double s = ema(smoothed == null ? Double.NaN : smoothed, loss, alpha);
            return Double.isNaN(s) ? this : new TaskBest(s, best, epoch);
        }

        /** As {@link #smoothedOnly}, and epoch {@code now} becomes the best one if the smoothed loss is lower. */
        TaskBest after(double loss, double alpha, double minDelta, int now) {
            TaskBest next = smoothedOnly(loss, alpha);
            boolean better = next != this && (best == null || next.smoothed() < best - minDelta);
            return better ? new TaskBest(next.smoothed(), next.smoothed(), now) : next;
        }
    }

    /** a·value + (1 − a)·previous; the value itself when either is NaN. */
    private static double ema(double previous, double value, double alpha) {
        return Double.isNaN(previous) || Double.isNaN(value) ? value : alpha * value + (1 - alpha) * previous;
    }

    public TrainerState {
        tasks = Map.copyOf(tasks);
    }

    public TrainerState(int epoch, long step, long batches, double bestValLoss, int bestEpoch, int stale, double seconds,
                        double smoothedValLoss) {
        this(epoch, step, batches, bestValLoss, bestEpoch, stale, seconds, smoothedValLoss, Map.of());
    }

    /** The same state with the counters of a finished epoch. */
    TrainerState withProgress(int epoch, long step, long batches, double seconds) {
        return new TrainerState(epoch, step, batches, bestValLoss, bestEpoch, stale, seconds, smoothedValLoss, tasks);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TrainerState start() {
        return new TrainerState(0, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, Double.NaN);
    }

    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    new Stored(epoch, step, batches, Double.isInfinite(bestValLoss) ? null : bestValLoss, bestEpoch, stale,
                            seconds, Double.isNaN(smoothedValLoss) ? null : smoothedValLoss, new TreeMap<>(tasks)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainerState fromJson(byte[] json) throws IOException {
        Stored s = JSON.readValue(json, Stored.class);
        return new TrainerState(s.epoch(), s.step(), s.batches(),
                s.bestValLoss() == null ? Double.POSITIVE_INFINITY : s.bestValLoss(), s.bestEpoch(), s.stale(), s.seconds(),
                s.smoothedValLoss() == null ? Double.NaN : s.smoothedValLoss(), s.tasks() == null ? Map.of() : s.tasks());
    }

    /**
     * This state after an epoch with validation loss {@code valLoss} in total and {@code byTask} per
     * modality, each smoothed with weight {@code alpha} on the newest epoch. The run is stale for as
     * many epochs as neither the total nor any modality has improved.
     */
    TrainerState afterValidation(double valLoss, Map<String, Double> byTask, double alpha, double minDelta) {
        return afterValidation(valLoss, byTask, alpha, minDelta, true);
    }

    /**
     * As above; when {@code eligible} is false (an epoch of the learning-rate warm-up) the losses are
     * smoothed but no epoch becomes a best one, and the run does not count as stale: a new session's
     * untrained head can score a lucky validation loss on a few dozen trials in its first epoch.
     */
    TrainerState afterValidation(double valLoss, Map<String, Double> byTask, double alpha, double minDelta,
                                 boolean eligible) {
        double smoothed = ema(smoothedValLoss, valLoss, alpha);
        if (!eligible) {
            Map<String, TaskBest> next = new TreeMap<>(tasks);
            byTask.forEach((m, loss) -> next.put(m, next.getOrDefault(m, new TaskBest(null, null, 0)).smoothedOnly(loss, alpha)));
            return new TrainerState(epoch, step, batches, bestValLoss, bestEpoch, stale, seconds, smoothed, next);
        }
        boolean improved = !Double.isNaN(smoothed) && smoothed < bestValLoss - minDelta;
        Map<String, TaskBest> next = new TreeMap<>(tasks);
        boolean anyTask = false;
        for (var e : byTask.entrySet()) {
            TaskBest t = next.getOrDefault(e.getKey(), new TaskBest(null, null, 0)).after(e.getValue(), alpha, minDelta, epoch);
            anyTask |= t.epoch() == epoch && t.best() != null;
            next.put(e.getKey(), t);
        }
        int nowStale = improved || anyTask ? 0 : stale + 1;
        return improved
                ? new TrainerState(epoch, step, batches, smoothed, epoch, nowStale, seconds, smoothed, next)
                : new TrainerState(epoch, step, batches, bestValLoss, bestEpoch, nowStale, seconds, smoothed, next);
    }

    /** The modalities whose own best epoch is this one. */
    public java.util.List<String> tasksImprovedNow() {
        return tasks.entrySet().stream().filter(e -> e.getValue().epoch() == epoch && e.getValue().best() != null)
                .map(Map.Entry::getKey).toList();
    }

    private record Stored(int epoch, long step, long batches, Double bestValLoss, int bestEpoch, int stale,
                          double seconds, Double smoothedValLoss, Map<String, TaskBest> tasks) {
    }
}
