package org.nedsj.data.synth;

import org.nedsj.data.align.TrialFilter;
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
 * spikes, on a prepared dataset's test trials. They give their classes beside the true ones; the evaluation's own
 * metrics score them.
 * Choice: the sign of the choice ramp, wrong on the trials whose ramp points against the choice (about one in ten):
 * what a decoder reading that one signal perfectly would say. The neurons carry the choice in other ways too: the
 * stimulus side, which the choice follows on most trials of high contrast, and, exactly where the contrast is above
 * zero, the product of side and outcome; a decoder that also reads those can beat this reader.
 * Block: Bayes' rule over everything a trial's latents carry of it ({@link BlockObserver}): p̂, the stimulus side and
 * the choice; P(block | p̂) estimated on the sessions' training trials. A decoder of spikes sees these through noise.
 */
public final class IdealObserver {

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
     * @param sessions the sessions to read (ids); block's P(block | p̂) is estimated on their training trials together
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
        BlockObserver block = BlockObserver.fit(read.stream().flatMap(s -> trialsOf(s, Split.TRAIN).stream()).toList());
        return read.stream().map(s -> testReadings(s, block)).toList();
    }

    private static Readings testReadings(PreparedTrials s, BlockObserver observer) {
        List<BlockObserver.Trial> test = trialsOf(s, Split.TEST);
        int[] choice = new int[test.size()];
        int[] choiceRead = new int[test.size()];
        int[] block = new int[test.size()];
        int[] blockRead = new int[test.size()];
        for (int k = 0; k < test.size(); k++) {
            int i = test.get(k).index();
            choice[k] = TrialFilter.choiceClass(s.truth().choice()[i]);
            choiceRead[k] = TrialFilter.choiceClass(s.truth().choiceRamp()[i]);
            block[k] = BlockObserver.blockClass(s.truth().probabilityLeft()[i]);
            blockRead[k] = observer.read(test.get(k));
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

    /** The session's trials in {@code split}, in prepared order. */
    private static List<BlockObserver.Trial> trialsOf(PreparedTrials s, Split split) {
        List<BlockObserver.Trial> of = new ArrayList<>();
        for (int k = 0; k < s.split().length; k++) {
            if (s.split()[k] == split) {
                of.add(new BlockObserver.Trial(s.truth(), s.trials()[k]));
            }
        }
        return of;
    }
}
