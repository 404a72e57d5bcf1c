package org.nedsj.data.synth;

import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.store.PreparedFiles;
import org.nedsj.spi.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers of a synthetic dataset's categorical tasks that see the generator's latents exactly instead of through
 * spikes, scored on a prepared dataset's test trials: what a decoder would score that read one signal perfectly.
 * Choice: the sign of the choice ramp, wrong on the trials whose ramp points against the choice (about one in ten).
 * Block: the subjective prior p̂ cut at the two thresholds that classify the sessions' training trials best (p̂
 * follows the stimuli, not the block, so about 0.73 at best). A decoder that also reads other latents (for choice,
 * the stimulus side) can beat them; a decoder of spikes will usually be below them.
 */
public final class IdealObserver {

    private static final double[] BLOCKS = {0.2, 0.5, 0.8};
    private static final int GRID = 200;

    /** Means over the sessions scored, as a report's mean row. */
    public record Figures(double choiceAccuracy, double choiceBalancedAccuracy, double blockAccuracy,
                          double blockBalancedAccuracy) {
    }

    private record Scored(SyntheticTruth truth, int[] trials, Split[] split) {
    }

    private IdealObserver() {
    }

    /**
     * @param truths   the dataset's truth ({@link SyntheticIbl#truth})
     * @param prepared the prepared dataset: each session's {@code trial_index.npy} and {@code split.npy}
     * @param sessions the sessions to score (ids)
     */
    public static Figures score(List<SyntheticTruth> truths, Path prepared, List<String> sessions) {
        Map<String, SyntheticTruth> byId = new HashMap<>();
        truths.forEach(t -> byId.put(t.sessionId(), t));
        List<Scored> scored = new ArrayList<>();
        for (String id : sessions) {
            SyntheticTruth truth = byId.get(id);
            if (truth == null) {
                throw new IllegalArgumentException("session " + id + " is not one of the synthetic sessions given: " + byId.keySet());
            }
            scored.add(read(truth, prepared.resolve(id)));
        }
        double[] cuts = priorCuts(scored);
        double[] sums = new double[4];
        for (Scored s : scored) {
            double[] figures = testFigures(s, cuts);
            for (int f = 0; f < sums.length; f++) {
                sums[f] += figures[f];
            }
        }
        int n = scored.size();
        return new Figures(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n);
    }

    /** One session's test trials: choice accuracy and balanced accuracy, then block's. */
    private static double[] testFigures(Scored s, double[] cuts) {
        List<Integer> test = trialsOf(s, Split.TEST);
        int[] choice = new int[test.size()];
        int[] choiceSaid = new int[test.size()];
        int[] block = new int[test.size()];
        int[] blockSaid = new int[test.size()];
        for (int k = 0; k < test.size(); k++) {
            int i = s.trials()[test.get(k)];
            choice[k] = s.truth().choice()[i] > 0 ? 1 : 0;
            choiceSaid[k] = s.truth().choiceRamp()[i] > 0 ? 1 : 0;
            block[k] = blockClass(s.truth().probabilityLeft()[i]);
            blockSaid[k] = priorClass(s.truth().prior()[i], cuts);
        }
        return new double[] {accuracy(choice, choiceSaid), balancedAccuracy(choice, choiceSaid, 2),
                accuracy(block, blockSaid), balancedAccuracy(block, blockSaid, 3)};
    }

    private static Scored read(SyntheticTruth truth, Path session) {
        Path index = session.resolve(PreparedFiles.TRIAL_INDEX);
        Path split = session.resolve(PreparedFiles.SPLIT);
        if (!Files.isRegularFile(index) || !Files.isRegularFile(split)) {
            throw new IllegalArgumentException(session + " lacks " + PreparedFiles.TRIAL_INDEX + " or " + PreparedFiles.SPLIT
                    + ": give the folder neds prepare wrote for these synthetic sessions");
        }
        NpyArray indices = NpyReader.read(index);
        NpyArray splits = NpyReader.read(split);
        if (indices.size() != splits.size()) {
            throw new IllegalArgumentException(session + ": " + PreparedFiles.TRIAL_INDEX + " and " + PreparedFiles.SPLIT
                    + " differ in length (" + indices.size() + " against " + splits.size() + "); prepare the session again");
        }
        int[] trials = new int[(int) indices.size()];
        Split[] of = new Split[trials.length];
        for (int k = 0; k < trials.length; k++) {
            trials[k] = (int) indices.getLong(k);
            if (trials[k] < 0 || trials[k] >= truth.trials()) {
                throw new IllegalArgumentException(index + " names trial " + trials[k] + " of a session of " + truth.trials()
                        + " synthetic trials: the prepared data are not of these synthetic sessions");
            }
            of[k] = Split.of((int) splits.getLong(k));
        }
        return new Scored(truth, trials, of);
    }

    /** The thresholds t₁ ≤ t₂ on p̂ (below t₁ block 0.2, from t₂ on 0.8) best on the training trials, on a grid. */
    private static double[] priorCuts(List<Scored> scored) {
        List<double[]> train = new ArrayList<>();
        for (Scored s : scored) {
            for (int k : trialsOf(s, Split.TRAIN)) {
                int i = s.trials()[k];
                train.add(new double[] {s.truth().prior()[i], blockClass(s.truth().probabilityLeft()[i])});
            }
        }
        double[] best = {0.5, 0.5};
        int bestRight = -1;
        for (int a = 0; a <= GRID; a++) {
            for (int b = a; b <= GRID; b++) {
                double[] cuts = {(double) a / GRID, (double) b / GRID};
                int right = 0;
                for (double[] t : train) {
                    right += priorClass(t[0], cuts) == (int) t[1] ? 1 : 0;
                }
                if (right > bestRight) {
                    bestRight = right;
                    best = cuts;
                }
            }
        }
        return best;
    }

    private static List<Integer> trialsOf(Scored s, Split split) {
        List<Integer> of = new ArrayList<>();
        for (int k = 0; k < s.split().length; k++) {
            if (s.split()[k] == split) {
                of.add(k);
            }
        }
        return of;
    }

    private static int priorClass(double prior, double[] cuts) {
        return prior < cuts[0] ? 0 : prior < cuts[1] ? 1 : 2;
    }

    private static int blockClass(double probabilityLeft) {
        for (int c = 0; c < BLOCKS.length; c++) {
            if (Math.abs(probabilityLeft - BLOCKS[c]) < 1e-6) {
                return c;
            }
        }
        throw new IllegalArgumentException("probabilityLeft " + probabilityLeft + " is not one of the synthetic blocks 0.2, 0.5, 0.8");
    }

    private static double accuracy(int[] truth, int[] said) {
        int right = 0;
        for (int k = 0; k < truth.length; k++) {
            right += truth[k] == said[k] ? 1 : 0;
        }
        return truth.length == 0 ? Double.NaN : (double) right / truth.length;
    }

    /** Mean recall over the classes present in the truth, as the evaluation's balanced accuracy. */
    private static double balancedAccuracy(int[] truth, int[] said, int classes) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            int of = 0;
            int right = 0;
            for (int k = 0; k < truth.length; k++) {
                if (truth[k] == c) {
                    of++;
                    right += said[k] == c ? 1 : 0;
                }
            }
            if (of > 0) {
                sum += (double) right / of;
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }
}
