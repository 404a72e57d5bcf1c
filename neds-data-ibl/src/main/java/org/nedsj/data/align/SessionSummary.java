package org.nedsj.data.align;

import java.util.List;
import java.util.Map;

/**
 * What preparing one session kept and dropped, and why; stored in the manifest.
 *
 * @param id                 session id
 * @param alfPath            the session folder
 * @param trialsCollection   where the trials came from
 * @param probes             spike-sorting collections used, in merge order
 * @param trialsTotal        rows of the trials table
 * @param dropped            dropped trials per reason ({@link DropReason#key()})
 * @param trialsKept         trials in the prepared session
 * @param unitsTotal         clusters over all probes
 * @param unitsBelowRate     units at or below the minimum firing rate
 * @param unitsNotGood       units not labelled good (good-only mode)
 * @param unitsKept          units in the prepared session
 * @param train              trials in the train split
 * @param val                trials in the validation split
 * @param test               trials in the test split
 * @param spikes             spikes over all probes
 * @param saturatedCounts    binned counts that exceeded 255 and were stored as 255
 * @param cameraTrimmed      leading camera timestamps dropped because there were more timestamps than frames
 * @param scaling            per behaviour, its {@code min}, {@code max}, {@code mean} and {@code sd} over the kept bins (raw units)
 */
public record SessionSummary(String id, String alfPath, String trialsCollection, List<String> probes, int trialsTotal,
                             Map<String, Integer> dropped, int trialsKept, int unitsTotal, int unitsBelowRate,
                             int unitsNotGood, int unitsKept, int train, int val, int test, long spikes,
                             long saturatedCounts, int cameraTrimmed, Map<String, Map<String, Double>> scaling) {

    public SessionSummary {
        probes = List.copyOf(probes);
        dropped = Map.copyOf(dropped);
        scaling = Map.copyOf(scaling);
    }

    /** Trials dropped for {@code reason}. */
    public int dropped(DropReason reason) {
        return dropped.getOrDefault(reason.key(), 0);
    }
}
