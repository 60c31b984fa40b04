package dev.metatune.task;

import java.util.SplittableRandom;

/**
 * Derives the random stream of one episode from (seed, index) alone, so that episodes are
 * identical across runs, processes and the order in which they are asked for.
 */
public final class EpisodeSeeds {

    private EpisodeSeeds() {
    }

    /** A fresh generator for episode {@code index} of the source seeded with {@code seed}. */
    public static SplittableRandom random(long seed, long index) {
        return new SplittableRandom(mix(mix(seed) + index));
    }

    /** A 64-bit finaliser (MurmurHash3's fmix64): nearby inputs give unrelated outputs. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
