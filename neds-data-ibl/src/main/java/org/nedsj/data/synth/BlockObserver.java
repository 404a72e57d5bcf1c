package org.nedsj.data.synth;

import org.nedsj.data.align.TrialFilter;

import java.util.List;

/**
 * Block read by Bayes' rule from what a trial's latents carry of it: the posterior of each block given
 * <ul>
 *   <li>the prior p̂: P(block | p̂), which no rule of the generator gives, estimated on the training trials (the share
 *       of each block among them, weighted by a Gaussian kernel of width {@value #BANDWIDTH} in p̂);</li>
 *   <li>the stimulus side where the contrast is above zero (the neurons' side factor is side · √contrast, nothing at
 *       zero contrast): P(side | block) = probabilityLeft or its complement;</li>
 *   <li>the choice, by the generator's psychometric rule ({@link SyntheticTrials#clockwiseProbability}). Where the
 *       stimulus is seen, its side and the outcome (the reward and error factors) give the choice itself; at zero
 *       contrast the observer has the ramp's sign, which follows the choice on the share q of the training trials
 *       with a movement, and the outcome, which says whether the unseen side was the one chosen.</li>
 * </ul>
 * Side and choice depend on the block alone, not on p̂ (which follows earlier trials' sides), so their likelihoods
 * multiply P(block | p̂).
 */
final class BlockObserver {

    /** The generator's blocks (probabilityLeft), in the order of the prepared data's classes. */
    static final List<Double> BLOCKS = List.of(0.2, 0.5, 0.8);
    static final double BANDWIDTH = 0.05;

    /** Trial {@code index} of a session's truth. */
    record Trial(SyntheticTruth truth, int index) {
    }

    private final double[] trainingPriors;
    private final int[] trainingBlocks;
    private final double rampFollowsChoice;

    private BlockObserver(double[] trainingPriors, int[] trainingBlocks, double rampFollowsChoice) {
        this.trainingPriors = trainingPriors;
        this.trainingBlocks = trainingBlocks;
        this.rampFollowsChoice = rampFollowsChoice;
    }

    /** The observer that learned P(block | p̂) and q on {@code training}. */
    static BlockObserver fit(List<Trial> training) {
        double[] priors = new double[training.size()];
        int[] blocks = new int[training.size()];
        int moved = 0;
        int followed = 0;
        for (int k = 0; k < training.size(); k++) {
            Trial t = training.get(k);
            priors[k] = t.truth().prior()[t.index()];
            blocks[k] = blockClass(t.truth().probabilityLeft()[t.index()]);
            double ramp = t.truth().choiceRamp()[t.index()];
            if (ramp != 0) {
                moved++;
                followed += Math.signum(ramp) == t.truth().choice()[t.index()] ? 1 : 0;
            }
        }
        return new BlockObserver(priors, blocks, (followed + 1.0) / (moved + 2.0));
    }

    /** The block class (0, 1, 2 for 0.2, 0.5, 0.8) of highest posterior. */
    int read(Trial t) {
        double[] log = logPosterior(t);
        int best = 0;
        for (int b = 1; b < log.length; b++) {
            best = log[b] > log[best] ? b : best;
        }
        return best;
    }

    /** log P(block | the trial's latents) up to a constant, per block class. */
    double[] logPosterior(Trial t) {
        double[] log = logPriorGivenPHat(t.truth().prior()[t.index()]);
        for (int b = 0; b < BLOCKS.size(); b++) {
            log[b] += Math.log(likelihood(t, BLOCKS.get(b)));
        }
        return log;
    }

    /** q: the share of training trials with a movement whose ramp points the way of the choice. */
    double rampFollowsChoice() {
        return rampFollowsChoice;
    }

    double[] logPriorGivenPHat(double pHat) {
        double[] weight = new double[BLOCKS.size()];
        double total = 0;
        for (int k = 0; k < trainingPriors.length; k++) {
            double z = (pHat - trainingPriors[k]) / BANDWIDTH;
            double w = Math.exp(-0.5 * z * z);
            weight[trainingBlocks[k]] += w;
            total += w;
        }
        double[] log = new double[BLOCKS.size()];
        for (int b = 0; b < BLOCKS.size(); b++) {
            log[b] = Math.log((weight[b] + 1.0 / BLOCKS.size()) / (total + 1));
        }
        return log;
    }

    /** P(what the trial's latents show of its stimulus and choice | block). */
    private double likelihood(Trial t, double left) {
        SyntheticTruth truth = t.truth();
        int i = t.index();
        double side = truth.stimulusSide()[i];
        double contrast = truth.contrast()[i];
        double choice = truth.choice()[i];
        double p = 1;
        if (contrast > 0) {
            p *= side > 0 ? left : 1 - left;
        }
        if (choice == 0) {
            return p;
        }
        if (contrast > 0) {
            double clockwise = SyntheticTrials.clockwiseProbability(side * contrast, left);
            return p * (choice > 0 ? clockwise : 1 - clockwise);
        }
        double signal = Math.signum(truth.choiceRamp()[i]);
        boolean rewarded = choice == side;
        double clockwise = SyntheticTrials.clockwiseProbability(0, left);
        double sum = 0;
        for (int chosen : new int[] {1, -1}) {
            double signalGivenChoice = signal == chosen ? rampFollowsChoice : 1 - rampFollowsChoice;
            double choiceGivenBlock = chosen > 0 ? clockwise : 1 - clockwise;
            double sideIsChosen = chosen > 0 ? left : 1 - left;
            sum += signalGivenChoice * choiceGivenBlock * (rewarded ? sideIsChosen : 1 - sideIsChosen);
        }
        return p * sum;
    }

    /** The block's class as the prepared data code it ({@link TrialFilter#blockClass}). */
    static int blockClass(double probabilityLeft) {
        int c = TrialFilter.blockClass(probabilityLeft, BLOCKS);
        if (c < 0) {
            throw new IllegalArgumentException("probabilityLeft " + probabilityLeft + " is not one of the synthetic blocks " + BLOCKS);
        }
        return c;
    }
}
