package org.nedsj.prep.align;

import org.nedsj.prep.behaviour.SampledSignal;

import java.util.List;

/**
 * What a data source hands the shared alignment: the session's trials already filtered by the
 * source's own trial rules, its behaviours as sampled signals and class indices, and its spikes.
 *
 * @param id            session id
 * @param source        where the session was read from, for the summary
 * @param trialsSource  where the trials came from (an ALF collection, an NWB table)
 * @param spikeSources  where the spikes came from, in unit-id order
 * @param trialsTotal   rows of the trials table
 * @param align         alignment event time per row of the trials table
 * @param selection     rows the source's trial rules kept, and how many they dropped per reason
 * @param dynamic       dynamic behaviours, in modality order
 * @param statics       static behaviours, in modality order
 * @param spikes        the spike trains (iterated twice: counting, then binning)
 * @param units         unit ids are 0 … units−1
 * @param good          per unit id, whether a quality label marks it good; null when unknown
 * @param spikeCount    spikes over all units
 * @param cameraTrimmed leading camera timestamps dropped by the source (ALF), else 0
 */
public record AlignmentInput(String id, String source, String trialsSource, List<String> spikeSources, int trialsTotal,
                             double[] align, TrialSelection selection, List<DynamicBehaviour> dynamic,
                             List<StaticBehaviour> statics, Iterable<? extends SortedSpikes> spikes, int units,
                             boolean[] good, long spikeCount, int cameraTrimmed) {

    public AlignmentInput {
        spikeSources = List.copyOf(spikeSources);
        dynamic = List.copyOf(dynamic);
        statics = List.copyOf(statics);
    }

    /** A behaviour resampled to every bin; a trial it does not cover is dropped as {@code <name>-coverage}. */
    public record DynamicBehaviour(String name, SampledSignal signal) {
    }

    /**
     * A behaviour with one class per trial.
     *
     * @param classOfRow class index per row of the trials table (rows the selection kept must have one in 0 … classes−1)
     */
    public record StaticBehaviour(String name, int classes, int[] classOfRow) {
    }
}
