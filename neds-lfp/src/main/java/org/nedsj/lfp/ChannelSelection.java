package org.nedsj.lfp;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which LFP channels become features: {@code all}, {@code every} k-th (from channel 0), or those whose
 * brain region is among {@code regions} (when the probe's channel locations are available).
 *
 * @param mode    all, every or regions
 * @param step    k of {@code every}
 * @param regions region acronyms of {@code regions}
 */
public record ChannelSelection(String mode, int step, List<String> regions) {

    public static final String ALL = "all";
    public static final String EVERY = "every";
    public static final String REGIONS = "regions";

    public ChannelSelection {
        regions = List.copyOf(regions);
        switch (mode) {
            case ALL -> { }
            case EVERY -> {
                if (step < 1) {
                    throw new IllegalArgumentException("data.lfp.channels.step is " + step + "; give a step of 1 or more");
                }
            }
            case REGIONS -> {
                if (regions.isEmpty()) {
                    throw new IllegalArgumentException("data.lfp.channels.select = regions needs data.lfp.channels.regions, e.g. [CA1, VISp]");
                }
            }
            default -> throw new IllegalArgumentException("data.lfp.channels.select is '" + mode + "'; choose all, every or regions");
        }
    }

    /**
     * @param channels       the recording's LFP channels
     * @param channelRegions each channel's region, or null when the probe has no channel locations
     * @param where          the probe folder, for messages
     */
    public int[] choose(int channels, List<String> channelRegions, Object where) {
        int[] kept = switch (mode) {
            case ALL -> IntStream.range(0, channels).toArray();
            case EVERY -> IntStream.range(0, channels).filter(c -> c % step == 0).toArray();
            default -> {
                if (channelRegions == null) {
                    throw new IllegalArgumentException(where + " has no channel locations (alf/<probe>/channels.brainLocationAcronyms_ccf_2017.npy)"
                            + "; select channels with data.lfp.channels.select = all or every");
                }
                yield IntStream.range(0, channels).filter(c -> c < channelRegions.size() && regions.contains(channelRegions.get(c))).toArray();
            }
        };
        if (kept.length == 0) {
            throw new IllegalArgumentException(where + ": no LFP channel lies in " + regions + "; the probe's channels are in "
                    + (channelRegions == null ? List.of() : channelRegions.stream().distinct().sorted().toList()));
        }
        return kept;
    }

    public String describe() {
        return switch (mode) {
            case ALL -> ALL;
            case EVERY -> EVERY + " " + step;
            default -> REGIONS + " " + regions;
        };
    }
}
