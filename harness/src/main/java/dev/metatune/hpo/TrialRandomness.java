package dev.metatune.hpo;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Where a sampler's randomness comes from: one independent stream for each (seed, study, trial
 * number, purpose), so that what a trial draws depends on which trial it is and never on which
 * worker asked, in which order, or how many draws that worker made before. Workers sharing a study
 * (threads or processes, seeded alike) therefore draw different points for different trials, and a
 * trial's parameters are reproducible from the seed. The stream's seed is a hash of the four keys
 * through the SplitMix64 finaliser (Steele, Lea and Flood 2014), every byte of the names taking
 * part, so nearby seeds, trial numbers or names give unrelated streams.
 */
public final class TrialRandomness {

    /** The trial number of streams that belong to a whole study rather than to one trial. */
    public static final int WHOLE_STUDY = -1;

    private final long seed;
    private final java.util.Map<String, Integer> drawIndexes = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param seed the sampler's seed (the suite's, for a run) */
    public TrialRandomness(long seed) {
        this.seed = seed;
    }

    /** The sampler's seed. */
    public long seed() {
        return seed;
    }

    /** The stream for {@code purpose} (for example a parameter's name) in trial {@code trialNumber} of {@code study}. */
    public SplittableRandom random(String study, int trialNumber, String purpose) {
        return new SplittableRandom(streamSeed(study, trialNumber, purpose));
    }

    /**
     * As {@link #random(String, int, String)} for {@code trial} of {@code study}, keyed by the trial's
     * {@link #drawIndex draw index} rather than its number.
     */
    public SplittableRandom random(Study study, FrozenTrial trial, String purpose) {
        return random(study.name(), drawIndex(study, trial), purpose);
    }

    /**
     * Which draw of the study a trial is: its number less the retries numbered before it. A retry (a
     * dead worker's trial enqueued again, {@link Study#RETRY_OF}) takes a number but repeats known
     * parameters, so without this every trial after it would draw what the trial one number earlier
     * draws in a run where no worker died; with it, a run that lost a worker samples the same points as
     * one that did not. Computed once per trial (the trials before it no longer change).
     */
    public int drawIndex(Study study, FrozenTrial trial) {
        return drawIndexes.computeIfAbsent(study.name() + "#" + trial.number(), k -> {
            int retries = 0;
            for (FrozenTrial t : study.trials()) {
                if (t.number() < trial.number() && t.systemAttrs().get(Study.RETRY_OF) instanceof Number) {
                    retries++;
                }
            }
            return trial.number() - retries;
        });
    }

    /** A stream for the whole of {@code study} (for example a scrambling fixed once per study). */
    public SplittableRandom forStudy(String study, String purpose) {
        return random(study, WHOLE_STUDY, purpose);
    }

    /** The 64-bit seed of the stream for (this seed, {@code study}, {@code trialNumber}, {@code purpose}). */
    public long streamSeed(String study, int trialNumber, String purpose) {
        if (study == null || purpose == null) {
            throw new IllegalArgumentException("study and purpose must be set, got study " + study + ", purpose " + purpose);
        }
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = absorb(h, study);
        h = mix(h ^ (trialNumber * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        h = absorb(h, purpose);
        return h;
    }

    /** Absorbs the UTF-8 bytes of {@code text}, eight at a time, then its length (so "ab","c" differs from "a","bc"). */
    private static long absorb(long h, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long chunk = 0;
        int filled = 0;
        for (byte b : bytes) {
            chunk = (chunk << 8) | (b & 0xFF);
            if (++filled == 8) {
                h = mix(h ^ chunk);
                chunk = 0;
                filled = 0;
            }
        }
        h = mix(h ^ chunk ^ ((long) filled << 61));
        return mix(h ^ bytes.length);
    }

    /** The SplitMix64 finaliser: every input bit affects every output bit. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
