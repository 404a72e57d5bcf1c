package org.nedsj.data.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code neds synth}: writes IBL-style ALF sessions from a known generative model: the task
 * ({@link SyntheticTrials}), each session's own behaviour ({@link BehaviourTrace}), latent dynamics
 * shared by every session written with one {@link Options#seed()} ({@link LatentDynamics}), and each
 * session's own neurons reading those latents ({@link PoissonPopulation}, {@link NeuronTuning}), so
 * that what is learnt on some sessions transfers to the others. Session {@code i} is
 * {@code synthlab/Subjects/SYN0ii/2024-01-(i+1)/001}; layouts rotate through {@link SessionLayout}
 * and every third session (the first included) has two probes.
 */
public final class SyntheticIbl {

    public static final String LAB = "synthlab";

    /**
     * @param sessions   sessions to write
     * @param trials     trials per session (each session varies it by up to ±10 %)
     * @param seed       seed of the whole dataset
     * @param minNeurons fewest simulated neurons of a session
     * @param maxNeurons most simulated neurons of a session
     * @param regions    whether to plant brain regions ({@link PlantedRegion}): tuning by region, location files written
     */
    public record Options(int sessions, int trials, long seed, int minNeurons, int maxNeurons, boolean regions) {

        /** Options without planted regions. */
        public Options(int sessions, int trials, long seed, int minNeurons, int maxNeurons) {
            this(sessions, trials, seed, minNeurons, maxNeurons, false);
        }

        public Options {
            if (sessions < 1) {
                throw new IllegalArgumentException("--sessions must be ≥ 1, got " + sessions);
            }
            if (trials < 10) {
                throw new IllegalArgumentException("--trials must be ≥ 10, got " + trials);
            }
            if (minNeurons < 1 || maxNeurons < minNeurons) {
                throw new IllegalArgumentException("neurons must satisfy 1 ≤ min ≤ max, got " + minNeurons + ".." + maxNeurons);
            }
        }

        /** 3 sessions of ~250 trials, seed 42, 200–800 neurons (about 90–400 pass the 5 Hz filter). */
        public static Options defaults() {
            return new Options(3, 250, 42, 200, 800);
        }
    }

    private SyntheticIbl() {
    }

    /** The sessions {@link #write} would write (their shapes and seeds), for inspection and tests. */
    public static List<SessionSpec> plan(Options options) {
        SplittableRandom rng = new SplittableRandom(options.seed());
        List<SessionSpec> specs = new ArrayList<>();
        SessionLayout[] layouts = SessionLayout.values();
        for (int i = 0; i < options.sessions(); i++) {
            int trials = (int) Math.round(options.trials() * rng.nextDouble(0.9, 1.1));
            int neurons = options.minNeurons() + rng.nextInt(options.maxNeurons() - options.minNeurons() + 1);
            String date = java.time.LocalDate.of(2024, 1, 1).plusDays(i).toString();
            specs.add(new SessionSpec(LAB, String.format("SYN%03d", i + 1), date, 1, trials, neurons, i % 3 == 0 ? 2 : 1,
                    layouts[i % layouts.length], 1.0, rng.nextLong(), options.seed(), options.regions()));
        }
        return specs;
    }

    /** The ground truth of the sessions {@link #write} would write, in session order, without writing them. */
    public static List<SyntheticTruth> truth(Options options) {
        return plan(options).parallelStream().map(SyntheticTruth::of).toList();
    }

    /**
     * Writes the sessions under {@code root}, several at a time (each draws from its own seed, so its files are the
     * same as written alone), and returns their folders in session order.
     */
    public static List<Path> write(Path root, Options options) {
        return plan(options).parallelStream().map(spec -> SyntheticSessionWriter.write(root, spec)).toList();
    }
}
