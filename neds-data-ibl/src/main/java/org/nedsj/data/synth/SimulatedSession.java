package org.nedsj.data.synth;

import java.util.SplittableRandom;

/**
 * What one session's seed makes before anything is written: its trials, behaviour, neurons and latents, each
 * from its own split of the seed's stream in a fixed order, and the stream's {@code rest} for the files' own
 * noise. The writer and the ground truth both start here, so they describe the same session.
 */
record SimulatedSession(SyntheticTrials trials, BehaviourTrace trace, PoissonPopulation population, Latents latents,
                        SplittableRandom rest) {

    static SimulatedSession of(SessionSpec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        SyntheticTrials trials = SyntheticTrials.generate(spec.trials(), rng.split());
        BehaviourTrace trace = BehaviourTrace.of(trials, rng.split());
        PoissonPopulation population = PoissonPopulation.draw(spec.neurons(), spec.probes(), spec.rateScale(), spec.regions(), rng.split());
        Latents latents = LatentDynamics.draw(spec.datasetSeed()).run(trials, trace, rng.split());
        return new SimulatedSession(trials, trace, population, latents, rng);
    }
}
