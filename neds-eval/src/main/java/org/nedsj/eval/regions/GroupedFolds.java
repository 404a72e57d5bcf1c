package org.nedsj.eval.regions;

import java.util.Arrays;
import java.util.List;

/**
 * Cross-validation folds over neurons grouped by session: every neuron of a session is in the same
 * fold, so no session has neurons on both sides of a split. Sessions are dealt to folds in sorted
 * order, round robin.
 */
public final class GroupedFolds {

    private GroupedFolds() {
    }

    /**
     * @return the fold of each neuron, 0 … min(folds, sessions)−1
     * @throws IllegalArgumentException when fewer than 2 sessions (or folds) are given
     */
    public static int[] assign(List<String> sessionOfNeuron, int folds) {
        List<String> sessions = sessionOfNeuron.stream().distinct().sorted().toList();
        int k = Math.min(folds, sessions.size());
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation grouped by session needs neurons of at least 2 sessions and 2 folds; "
                    + "there are " + sessions.size() + " session(s) with known regions and " + folds + " fold(s)");
        }
        int[] fold = new int[sessionOfNeuron.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = sessions.indexOf(sessionOfNeuron.get(i)) % k;
        }
        return fold;
    }

    /** The number of folds {@link #assign} makes. */
    public static int count(int[] fold) {
        return Arrays.stream(fold).max().orElse(-1) + 1;
    }
}
