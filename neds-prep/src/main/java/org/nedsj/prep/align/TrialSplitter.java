package org.nedsj.prep.align;


import java.util.SplittableRandom;

/**
 * Assigns a session's trials to train (0), val (1) and test (2): a seeded Fisher–Yates permutation;
 * its first {@code n − round(n·val) − round(n·test)} trials train, the next {@code round(n·val)}
 * validate, the rest test.
 */
public final class TrialSplitter {

    private TrialSplitter() {
    }

    public static byte[] assign(int trials, SplitRules rules) {
        int[] order = new int[trials];
        for (int i = 0; i < trials; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(rules.seed());
        for (int i = trials - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int test = (int) Math.round(trials * rules.test());
        int val = (int) Math.round(trials * rules.val());
        int train = Math.max(0, trials - val - test);
        byte[] split = new byte[trials];
        for (int k = 0; k < trials; k++) {
            split[order[k]] = (byte) (k < train ? 0 : k < train + val ? 1 : 2);
        }
        return split;
    }
}
