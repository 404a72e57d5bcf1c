package org.nedsj.prep.align;

import java.util.List;
import java.util.Map;

/**
 * What preparing one session kept and dropped, and why; stored in the manifest.
 *
 * @param id                 session id
 * @param alfPath            where the session was read from (an ALF session folder, an NWB file)
 * @param trialsCollection   where the trials came from (an ALF collection, an NWB table)
 * @param probes             spike-sorting collections (or the NWB units table) used, in merge order
 * @param trialsTotal        rows of the trials table
 * @param dropped            dropped trials per reason (e.g. {@code no-go}, {@code wheel-coverage})
 * @param trialsKept         trials in the prepared session
 * @param unitsTotal         clusters over all probes (units of the table)
 * @param unitsBelowRate     units at or below the minimum firing rate
 * @param unitsNotGood       units not labelled good (good-only mode)
 * @param unitsKept          units in the prepared session
 * @param train              trials in the train split
 * @param val                trials in the validation split
 * @param test               trials in the test split
 * @param spikes             spikes over all probes (units)
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

    /** Trials dropped for the reason named {@code reason} (e.g. {@code wheel-coverage}). */
    public int dropped(String reason) {
        return dropped.getOrDefault(reason, 0);
    }

    /** One line: trials and units kept, and why the others were dropped. */
    public String describe(boolean reused) {
        String drops = dropped.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return id + (reused ? ": reused (unchanged), " : ": ") + trialsKept + " of " + trialsTotal + " trials kept"
                + (drops.isEmpty() ? "" : " (dropped: " + drops + ")") + ", " + unitsKept + " of " + unitsTotal
                + " units" + " (" + unitsBelowRate + " at or below the rate limit"
                + (unitsNotGood > 0 ? ", " + unitsNotGood + " not good" : "") + "), split "
                + train + "/" + val + "/" + test;
    }
}
