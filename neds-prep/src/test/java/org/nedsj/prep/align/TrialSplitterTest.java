package org.nedsj.prep.align;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TrialSplitterTest {

    @Test
    void splitsSeventyTenTwentyBySeededPermutation() {
        byte[] split = TrialSplitter.assign(250, new SplitRules(0.7, 0.1, 0.2, 42));
        int[] counts = new int[3];
        for (byte s : split) {
            counts[s]++;
        }
        assertArrayEquals(new int[]{175, 25, 50}, counts);
        assertArrayEquals(split, TrialSplitter.assign(250, new SplitRules(0.7, 0.1, 0.2, 42)), "same seed, same split");
        assertFalse(java.util.Arrays.equals(split, TrialSplitter.assign(250, new SplitRules(0.7, 0.1, 0.2, 43))));
        // a permutation, not the first 175 rows
        int trainInFirst175 = 0;
        for (int i = 0; i < 175; i++) {
            trainInFirst175 += split[i] == 0 ? 1 : 0;
        }
        assertEquals(true, trainInFirst175 < 175);
    }
}
