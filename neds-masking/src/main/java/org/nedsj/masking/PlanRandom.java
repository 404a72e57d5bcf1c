package org.nedsj.masking;

import java.util.SplittableRandom;

/**
 * The random stream of one mask plan: a pure function of the run's seed, the batch index and the
 * scheme's name, so a plan repeats exactly and two schemes planning the same batch draw independently.
 * Never touches global random state.
 */
public final class PlanRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private PlanRandom() {
    }

    /** A fresh generator for planning batch {@code batchIndex} with scheme {@code scheme}. */
    public static SplittableRandom of(long seed, long batchIndex, String scheme) {
        return new SplittableRandom(batchHash(seed, batchIndex, scheme));
    }

    /** A fresh generator for planning trial {@code trial} (position in the batch) of batch {@code batchIndex}. */
    public static SplittableRandom of(long seed, long batchIndex, int trial, String scheme) {
        return new SplittableRandom(mix64(batchHash(seed, batchIndex, scheme) + GOLDEN_GAMMA * (trial + 1L)));
    }

    private static long batchHash(long seed, long batchIndex, String scheme) {
        long h = mix64(seed + GOLDEN_GAMMA);
        h = mix64(h ^ batchIndex);
        return mix64(h ^ scheme.hashCode());
    }

    /** The SplitMix64 finaliser: a bijection on longs that scatters nearby inputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
