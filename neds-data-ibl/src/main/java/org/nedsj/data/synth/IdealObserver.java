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
 * spikes, on a prepared dataset's test trials: what a decoder would say that read one signal perfectly. They give
 * their classes beside the true ones; the evaluation's own metrics score them.
 * Choice: the sign of the choice ramp, wrong on the trials whose ramp points against the choice (about one in ten).
 * Block: the subjective prior p̂ cut at the two thresholds that classify the sessions' training trials best (p̂
 * follows the stimuli, not the block, so about 0.73 at best). A decoder that also reads other latents (for choice,
 * the stimulus side) can beat them; a decoder of spikes will usually be below them.
 */
public final class IdealObserver {

    private static final double[] BLOCKS = {0.2, 0.5, 0.8};
    private static final int GRID = 200;

    /**
     * One session's test trials in prepared order: the true classes and the readers', as the prepared data code them
     * (choice 1 for +1, 0 for −1; block 0, 1, 2 for 0.2, 0.5, 0.8).
     */
    public record Readings(String session, int[] choice, int[] choiceRead, int[] block, int[] blockRead) {
    }

    private record PreparedTrials(SyntheticTruth truth, int[] trials, Split[] split) {
    }

    private IdealObserver() {
    }

    /**
     * @param truths   the dataset's truth ({@link SyntheticIbl#truth})
     * @param prepared the prepared dataset: each session's {@code trial_index.npy} and {@code split.npy}
     * @param sessions the sessions to read (ids); block's thresholds are fitted on their training trials together
     */
    public static List<Readings> read(List<SyntheticTruth> truths, Path prepared, List<String> sessions) {
        Map<String, SyntheticTruth> byId = new HashMap<>();
        truths.forEach(t -> byId.put(t.sessionId(), t));
        List<PreparedTrials> read = new ArrayList<>();
        for (String id : sessions) {
            SyntheticTruth truth = byId.get(id);
            if (truth == null) {
                throw new IllegalArgumentException("session " + id + " is not one of the synthetic sessions given: " + byId.keySet());
            }
            read.add(read(truth, prepared.resolve(id)));
        }
        double[] cuts = priorCuts(read);
        return read.stream().map(s -> testReadings(s, cuts)).toList();
    }

    private static Readings testReadings(PreparedTrials s, double[] cuts) {
        List<Integer> test = trialsOf(s, Split.TEST);
        int[] choice = new int[test.size()];
        int[] choiceRead = new int[test.size()];
        int[] block = new int[test.size()];
        int[] blockRead = new int[test.size()];
        for (int k = 0; k < test.size(); k++) {
            int i = s.trials()[test.get(k)];
            choice[k] = s.truth().choice()[i] > 0 ? 1 : 0;
            choiceRead[k] = s.truth().choiceRamp()[i] > 0 ? 1 : 0;
            block[k] = blockClass(s.truth().probabilityLeft()[i]);
            blockRead[k] = priorClass(s.truth().prior()[i], cuts);
        }
        return new Readings(s.truth().sessionId(), choice, choiceRead, block, blockRead);
    }

    private static PreparedTrials read(SyntheticTruth truth, Path session) {
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
        return new PreparedTrials(truth, trials, of);
    }

    /** The thresholds t₁ ≤ t₂ on p̂ (below t₁ block 0.2, from t₂ on 0.8) best on the training trials, on a grid. */
    private static double[] priorCuts(List<PreparedTrials> sessions) {
        List<double[]> train = new ArrayList<>();
        for (PreparedTrials s : sessions) {
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

    private static List<Integer> trialsOf(PreparedTrials s, Split split) {
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
}
