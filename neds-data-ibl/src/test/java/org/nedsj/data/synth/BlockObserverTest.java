package org.nedsj.data.synth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockObserverTest {

    /** One trial of a hand-made session: choice, block, ramp, p̂, side, contrast. */
    private static SyntheticTruth session(double[]... trials) {
        int n = trials.length;
        double[][] columns = new double[6][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 6; c++) {
                columns[c][i] = trials[i][c];
            }
        }
        return new SyntheticTruth("hand", columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
    }

    private static List<BlockObserver.Trial> all(SyntheticTruth truth) {
        List<BlockObserver.Trial> trials = new ArrayList<>();
        for (int i = 0; i < truth.trials(); i++) {
            trials.add(new BlockObserver.Trial(truth, i));
        }
        return trials;
    }

    /** Softmax of the log posterior: the posterior itself. */
    private static double[] posterior(BlockObserver observer, BlockObserver.Trial trial) {
        double[] log = observer.logPosterior(trial);
        double max = Math.max(log[0], Math.max(log[1], log[2]));
        double[] p = new double[3];
        double sum = 0;
        for (int b = 0; b < 3; b++) {
            p[b] = Math.exp(log[b] - max);
            sum += p[b];
        }
        for (int b = 0; b < 3; b++) {
            p[b] /= sum;
        }
        return p;
    }

    /**
     * P(block | p̂) at p̂ = 0.25 from training p̂ 0.20 (block 0.2), 0.25 (0.2) and 0.30 (0.5): kernel weights e^{−½},
     * 1, e^{−½}, so 1.6065 for 0.2, 0.6065 for 0.5 and 0 for 0.8 of 2.2131; with a third of a trial to each block,
     * 1.9399, 0.9399, 0.3333 of 3.2131.
     */
    @Test
    void thePriorGivenPHatIsTheKernelShareOfTheTrainingTrials() {
        SyntheticTruth training = session(new double[] {0, 0.2, 0, 0.2, 1, 0}, new double[] {0, 0.2, 0, 0.25, 1, 0},
                new double[] {0, 0.5, 0, 0.3, 1, 0});
        double[] log = BlockObserver.fit(all(training)).logPriorGivenPHat(0.25);
        assertEquals(0.603743, Math.exp(log[0]), 1e-6);
        assertEquals(0.292514, Math.exp(log[1]), 1e-6);
        assertEquals(0.103743, Math.exp(log[2]), 1e-6);
    }

    /**
     * A seen stimulus (left, contrast 0.25) and a clockwise choice: each block's likelihood is P(left) times the
     * psychometric P(+1 | 0.25, block): evidence 2 + 2.4·(pL − 0.5), so 0.2·0.7542, 0.5·0.8427 and 0.8·0.8944. The
     * ramp is not read where the side and the outcome give the choice: pointing against it changes nothing. A no-go
     * trial at zero contrast shows the block nothing: the posterior is the prior's.
     */
    @Test
    void aSeenStimulusAndItsChoiceWeighTheBlocksByTheGeneratorsRules() {
        SyntheticTruth truth = session(new double[] {0, 0.5, 0, 0.5, 1, 0}, new double[] {1, 0.2, 0.9, 0.5, 1, 0.25},
                new double[] {1, 0.2, -0.9, 0.5, 1, 0.25}, new double[] {0, 0.8, 0, 0.5, 1, 0});
        BlockObserver observer = BlockObserver.fit(List.of(new BlockObserver.Trial(truth, 0)));
        double[] prior = observer.logPriorGivenPHat(0.5);
        double[] expected = {0.150841, 0.421359, 0.715502};
        for (int i : new int[] {1, 2}) {
            double[] log = observer.logPosterior(new BlockObserver.Trial(truth, i));
            for (int b = 0; b < 3; b++) {
                assertEquals(expected[b], Math.exp(log[b] - prior[b]), 1e-6, "trial " + i + " block " + b);
            }
        }
        double[] noGo = observer.logPosterior(new BlockObserver.Trial(truth, 3));
        for (int b = 0; b < 3; b++) {
            assertEquals(prior[b], noGo[b], 1e-12);
        }
    }

    /**
     * Zero contrast: the side is not seen; the ramp points clockwise and the outcome is an error. Of the four training
     * trials, all with a movement, three have a ramp that follows the choice: q = (3 + 1) / (4 + 2) = 2/3.
     * Likelihood Σ over the choice c of P(ramp + | c) · P(c | block) · P(side ≠ c | block), P(+1 | block) =
     * 0.05 + 0.9·σ(2.4·(pL − 0.5)): 0.22751, 0.25, 0.17929 for 0.2, 0.5, 0.8.
     */
    @Test
    void atZeroContrastTheRampsSignAndTheOutcomeWeighTheBlocks() {
        SyntheticTruth truth = session(new double[] {1, 0.5, 1, 0.5, 1, 1}, new double[] {-1, 0.5, -1, 0.5, -1, 1},
                new double[] {1, 0.5, 2, 0.5, 1, 1}, new double[] {1, 0.5, -0.2, 0.5, 1, 1},
                new double[] {-1, 0.8, 0.4, 0.5, 1, 0});
        BlockObserver observer = BlockObserver.fit(all(truth).subList(0, 4));
        assertEquals(4.0 / 6, observer.rampFollowsChoice(), 1e-12);
        double[] prior = observer.logPriorGivenPHat(0.5);
        double[] log = observer.logPosterior(new BlockObserver.Trial(truth, 4));
        double[] expected = {0.227505, 0.25, 0.179287};
        for (int b = 0; b < 3; b++) {
            assertEquals(expected[b], Math.exp(log[b] - prior[b]), 1e-6, "block " + b);
        }
    }

    /**
     * On the 2,400 trials of 16 synthetic sessions of 300 that it learned nothing from (P(block | p̂) and q fitted on the
     * other half of each session), the observer reads the block better than p̂ alone does (0.752 against 0.730: the
     * stimulus side and the choice add what p̂, which follows earlier trials, lacks), and its posterior is calibrated:
     * the mean probability it gives the block it reads (0.732) is near how often that block is right. Reading the side
     * as its opposite gives 0.693; the outcome at zero contrast as its opposite, 0.737: both fail.
     */
    @Test
    void onSyntheticTrialsItBeatsPHatAloneAndItsPosteriorIsCalibrated() {
        SyntheticIbl.Options options = new SyntheticIbl.Options(16, 300, 5, 60, 80);
        List<BlockObserver.Trial> training = new ArrayList<>();
        List<BlockObserver.Trial> test = new ArrayList<>();
        for (SyntheticTruth truth : SyntheticIbl.truth(options)) {
            List<BlockObserver.Trial> trials = all(truth);
            for (int i = 0; i < trials.size(); i++) {
                (i % 2 == 0 ? training : test).add(trials.get(i));
            }
        }
        BlockObserver observer = BlockObserver.fit(training);
        int right = 0;
        int rightFromPHat = 0;
        double confidence = 0;
        for (BlockObserver.Trial t : test) {
            int truth = BlockObserver.blockClass(t.truth().probabilityLeft()[t.index()]);
            int read = observer.read(t);
            right += read == truth ? 1 : 0;
            rightFromPHat += argmax(observer.logPriorGivenPHat(t.truth().prior()[t.index()])) == truth ? 1 : 0;
            confidence += posterior(observer, t)[read];
        }
        double accuracy = (double) right / test.size();
        double fromPHat = (double) rightFromPHat / test.size();
        assertTrue(accuracy > fromPHat + 0.01, "the observer " + accuracy + ", p̂ alone " + fromPHat);
        assertEquals(accuracy, confidence / test.size(), 0.03, "accuracy against the mean posterior of the block read");
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
