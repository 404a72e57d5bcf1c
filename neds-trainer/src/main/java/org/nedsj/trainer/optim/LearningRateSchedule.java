package org.nedsj.trainer.optim;

/**
 * The one-cycle schedule of NEDS: a linear warm-up from {@code peak · startFactor} to {@code peak}
 * over the first {@code warmupFraction} of the steps, then a cosine decay to {@code peak · endFactor}.
 */
public record LearningRateSchedule(double peak, long totalSteps, double warmupFraction, double startFactor,
                                   double endFactor) {

    public LearningRateSchedule {
        if (peak <= 0 || totalSteps < 1) {
            throw new IllegalArgumentException("learning rate " + peak + " and total steps " + totalSteps + " must be positive");
        }
        if (warmupFraction < 0 || warmupFraction >= 1) {
            throw new IllegalArgumentException("train.warmup = " + warmupFraction + ": a fraction of the steps in [0, 1)");
        }
    }

    /** The learning rate of step {@code step} (0-based). */
    public double at(long step) {
        long warmup = Math.round(warmupFraction * totalSteps);
        if (step < warmup) {
            double f = (double) step / warmup;
            return peak * (startFactor + (1 - startFactor) * f);
        }
        long decaySteps = Math.max(1, totalSteps - warmup);
        double progress = Math.min(1.0, (double) (step - warmup) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (endFactor + (1 - endFactor) * cosine);
    }
}
