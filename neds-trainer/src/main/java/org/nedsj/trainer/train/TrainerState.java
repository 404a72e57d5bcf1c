package org.nedsj.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

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
 */
public record TrainerState(int epoch, long step, long batches, double bestValLoss, int bestEpoch, int stale,
                           double seconds, double smoothedValLoss) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TrainerState start() {
        return new TrainerState(0, 0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, Double.NaN);
    }

    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    new Stored(epoch, step, batches, Double.isInfinite(bestValLoss) ? null : bestValLoss, bestEpoch, stale,
                            seconds, Double.isNaN(smoothedValLoss) ? null : smoothedValLoss));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainerState fromJson(byte[] json) throws IOException {
        Stored s = JSON.readValue(json, Stored.class);
        return new TrainerState(s.epoch(), s.step(), s.batches(),
                s.bestValLoss() == null ? Double.POSITIVE_INFINITY : s.bestValLoss(), s.bestEpoch(), s.stale(), s.seconds(),
                s.smoothedValLoss() == null ? Double.NaN : s.smoothedValLoss());
    }

    /** This state after an epoch whose validation loss was {@code valLoss}, smoothed with weight {@code alpha} on it. */
    TrainerState afterValidation(double valLoss, double alpha, double minDelta) {
        double smoothed = Double.isNaN(smoothedValLoss) || Double.isNaN(valLoss) ? valLoss
                : alpha * valLoss + (1 - alpha) * smoothedValLoss;
        boolean improved = !Double.isNaN(smoothed) && smoothed < bestValLoss - minDelta;
        return improved
                ? new TrainerState(epoch, step, batches, smoothed, epoch, 0, seconds, smoothed)
                : new TrainerState(epoch, step, batches, bestValLoss, bestEpoch, stale + 1, seconds, smoothed);
    }

    private record Stored(int epoch, long step, long batches, Double bestValLoss, int bestEpoch, int stale,
                          double seconds, Double smoothedValLoss) {
    }
}
