package org.nedsj.trainer.bench;

/**
 * Time of one training epoch on data-parallel GPUs, on paper: the compute at a stated share of the
 * GPU's published peak, and the gradient exchange (a ring all-reduce of the whole gradient buffer
 * per optimiser step, not overlapped with compute) over a link of stated bandwidth.
 *
 * @param trials     trials of one epoch (the training split of every pretraining session)
 * @param meanWidth  mean neurons per session (the stitchers' FLOPs)
 * @param batch      trials per optimiser step, over all devices, per micro-batch
 * @param peakFlops  the GPU's published peak, FLOP/s
 * @param efficiency the share of that peak a training step reaches
 */
public record EpochEstimate(long trials, int meanWidth, int batch, double peakFlops, double efficiency) {

    /** Seconds of compute per epoch on {@code devices} devices sharing the work evenly. */
    public double computeSeconds(ScaleModel model, int devices) {
        return trials * model.trainingFlops(meanWidth) / (devices * peakFlops * efficiency);
    }

    /** Optimiser steps per epoch with {@code accumulate} micro-batches per step. */
    public double steps(int accumulate) {
        return (double) trials / ((long) batch * accumulate);
    }

    /** Seconds per epoch each device spends exchanging gradients over a link of {@code bytesPerSecond}. */
    public double exchangeSeconds(ScaleModel model, int devices, double bytesPerSecond, int accumulate) {
        return steps(accumulate) * model.ringAllReduceBytes(devices) / bytesPerSecond;
    }

    /**
     * The least power of two {@code train.accumulate} at which the exchange over {@code bytesPerSecond}
     * takes no longer than the compute (1 where it already does; at most 1024).
     */
    public int accumulationToHide(ScaleModel model, int devices, double bytesPerSecond) {
        double compute = computeSeconds(model, devices);
        int k = 1;
        while (k < 1024 && exchangeSeconds(model, devices, bytesPerSecond, k) > compute) {
            k *= 2;
        }
        return k;
    }
}
