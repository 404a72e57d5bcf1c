package org.nedsj.data.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The trial structure of a synthetic IBL session (the biased-choice world task):
 * <ul>
 *   <li>blocks: the first {@value #UNBIASED_TRIALS} trials unbiased (probabilityLeft 0.5), then
 *       alternating 0.2/0.8 blocks (first one at random) of 20–100 trials (exponential, mean 60,
 *       truncated);</li>
 *   <li>stimulus on the left with probability probabilityLeft, contrast drawn from
 *       {1, 0.25, 0.125, 0.0625, 0} (NaN on the other side);</li>
 *   <li>choice +1 (clockwise, correct for a left stimulus) with probability
 *       {@code lapse + (1 − 2·lapse)·σ(8·(contrastLeft − contrastRight) + 1.2·(probabilityLeft − 0.5)·2)},
 *       lapse 0.05; 3 % no-go trials (choice 0, response 60 s after the go cue, firstMovement NaN);</li>
 *   <li>quiescence 0.4–0.7 s from trial start to stimOn; goCue 0–2 ms after stimOn; reaction time
 *       (firstMovement − stimOn) log-normal, median 0.35 s; 2 % slow trials (10.5–14 s) and 1 %
 *       early movements (−0.2…−0.05 s); movement 0.15–0.45 s to the response; feedback 10 ms later;
 *       inter-trial interval 1 s after a correct trial, 2 s after an error;</li>
 *   <li>missing events: 1.5 % of trials lack stimOn, 1 % of choice trials lack firstMovement, 1 % lack
 *       goCue (those are kept by the filter: a NaN limit does not drop). Trial 0 is always complete.</li>
 * </ul>
 * {@code movementStart}/{@code movementEnd} and {@code stimulusOnset} are what happened (the neural
 * and behavioural model use them); the other arrays are what the trials table records.
 */
public record SyntheticTrials(double[] start, double[] end, double[] stimOn, double[] goCue, double[] firstMovement,
                              double[] response, double[] feedback, double[] choice, double[] feedbackType,
                              double[] probabilityLeft, double[] contrastLeft, double[] contrastRight, double[] rewardVolume,
                              double[] movementStart, double[] movementEnd, double[] stimulusOnset) {

    static final int UNBIASED_TRIALS = 90;
    private static final double[] CONTRASTS = {1, 0.25, 0.125, 0.0625, 0};
    private static final double LAPSE = 0.05;

    public int size() {
        return start.length;
    }

    /** The end of the last trial plus 2 s: the recording's duration. */
    public double duration() {
        return end[end.length - 1] + 2.0;
    }

    static SyntheticTrials generate(int n, SplittableRandom rng) {
        double[] start = new double[n];
        double[] end = new double[n];
        double[] stimOn = new double[n];
        double[] goCue = new double[n];
        double[] firstMovement = new double[n];
        double[] response = new double[n];
        double[] feedback = new double[n];
        double[] choice = new double[n];
        double[] feedbackType = new double[n];
        double[] probabilityLeft = blocks(n, rng);
        double[] contrastLeft = new double[n];
        double[] contrastRight = new double[n];
        double[] rewardVolume = new double[n];
        double[] movementStart = new double[n];
        double[] movementEnd = new double[n];

        double t = 1.0 + rng.nextDouble(0.5);
        for (int i = 0; i < n; i++) {
            start[i] = t;
            stimOn[i] = t + rng.nextDouble(0.4, 0.7);
            goCue[i] = stimOn[i] + rng.nextDouble(0.002);
            boolean left = rng.nextDouble() < probabilityLeft[i];
            double contrast = CONTRASTS[rng.nextInt(CONTRASTS.length)];
            contrastLeft[i] = left ? contrast : Double.NaN;
            contrastRight[i] = left ? Double.NaN : contrast;
            double pClockwise = clockwiseProbability(left ? contrast : -contrast, probabilityLeft[i]);
            boolean noGo = i > 0 && rng.nextDouble() < 0.03;
            if (noGo) {
                choice[i] = 0;
                feedbackType[i] = -1;
                firstMovement[i] = Double.NaN;
                movementStart[i] = Double.NaN;
                movementEnd[i] = Double.NaN;
                response[i] = goCue[i] + 60;
                feedback[i] = response[i];
            } else {
                choice[i] = rng.nextDouble() < pClockwise ? 1 : -1;
                boolean correct = (choice[i] > 0) == left;
                feedbackType[i] = correct ? 1 : -1;
                double reaction = reactionTime(i, rng);
                firstMovement[i] = stimOn[i] + reaction;
                response[i] = firstMovement[i] + rng.nextDouble(0.15, 0.45);
                feedback[i] = response[i] + 0.01;
                movementStart[i] = firstMovement[i];
                movementEnd[i] = response[i];
            }
            rewardVolume[i] = feedbackType[i] > 0 ? 1.5 : 0;
            end[i] = feedback[i] + (feedbackType[i] > 0 ? 1.0 : 2.0) + rng.nextDouble(0.3);
            t = end[i];
        }
        double[] stimulusOnset = stimOn.clone();
        dropEvents(stimOn, firstMovement, goCue, choice, rng);
        return new SyntheticTrials(start, end, stimOn, goCue, firstMovement, response, feedback, choice, feedbackType,
                probabilityLeft, contrastLeft, contrastRight, rewardVolume, movementStart, movementEnd, stimulusOnset);
    }

    /**
     * The probability of a clockwise choice (+1) on a trial with a movement, given the signed contrast (+ left, − right)
     * and the block: the psychometric rule the generator draws each choice from.
     */
    static double clockwiseProbability(double signedContrast, double probabilityLeft) {
        double evidence = signedContrast * 8 + 1.2 * (probabilityLeft - 0.5) * 2;
        return LAPSE + (1 - 2 * LAPSE) / (1 + Math.exp(-evidence));
    }

    private static double reactionTime(int trial, SplittableRandom rng) {
        double u = rng.nextDouble();
        if (trial > 0 && u < 0.02) {
            return rng.nextDouble(10.5, 14);
        }
        if (trial > 0 && u < 0.03) {
            return -rng.nextDouble(0.05, 0.2);
        }
        return Math.exp(Math.log(0.35) + 0.6 * rng.nextGaussian());
    }

    private static double[] blocks(int n, SplittableRandom rng) {
        double[] p = new double[n];
        Arrays.fill(p, 0, Math.min(n, UNBIASED_TRIALS), 0.5);
        double level = rng.nextBoolean() ? 0.2 : 0.8;
        int i = UNBIASED_TRIALS;
        while (i < n) {
            int length = (int) Math.min(100, 20 + Math.round(-40 * Math.log(1 - rng.nextDouble())));
            Arrays.fill(p, i, Math.min(n, i + length), level);
            i += length;
            level = level == 0.2 ? 0.8 : 0.2;
        }
        return p;
    }

    /** Events recorded as missing (NaN) in the trials table; the behaviour itself still happened. */
    private static void dropEvents(double[] stimOn, double[] firstMovement, double[] goCue, double[] choice, SplittableRandom rng) {
        for (int i = 1; i < stimOn.length; i++) {
            double u = rng.nextDouble();
            if (u < 0.015) {
                stimOn[i] = Double.NaN;
            } else if (u < 0.025 && choice[i] != 0) {
                firstMovement[i] = Double.NaN;
            } else if (u < 0.035) {
                goCue[i] = Double.NaN;
            }
        }
    }
}
