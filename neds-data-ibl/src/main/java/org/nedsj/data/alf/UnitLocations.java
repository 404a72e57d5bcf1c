package org.nedsj.data.alf;

import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyStrings;

/**
 * The brain region of each cluster of one probe: the cluster acronyms when the probe has them, else
 * each cluster's channel's Allen id through {@link AllenAcronyms}; null where the region is not
 * known (no location files, an id the table does not list, a missing acronym).
 */
public final class UnitLocations {

    private UnitLocations() {
    }

    /** @return one entry per local cluster id 0 … clusterCount−1 */
    public static String[] read(LocationFiles files, int clusterCount) {
        if (files.acronyms() != null) {
            return acronyms(files, clusterCount);
        }
        if (files.usesAllenIds()) {
            return throughChannels(files, clusterCount);
        }
        return new String[clusterCount];
    }

    private static String[] acronyms(LocationFiles files, int clusterCount) {
        String[] acronyms = NpyStrings.read(files.acronyms());
        if (acronyms.length != clusterCount) {
            throw new AlfDataException("mismatched lengths: " + files.acronyms() + " names " + acronyms.length
                    + " clusters but the spike sorting has " + clusterCount + "; the locations come from another sorting, download them again");
        }
        return acronyms;
    }

    private static String[] throughChannels(LocationFiles files, int clusterCount) {
        long[] channelOf = integers(NpyReader.read(files.clusterChannels()), "one channel per cluster");
        long[] idOf = integers(NpyReader.read(files.channelIds()), "one Allen id per channel");
        if (channelOf.length != clusterCount) {
            throw new AlfDataException("mismatched lengths: " + files.clusterChannels() + " has " + channelOf.length
                    + " clusters but the spike sorting has " + clusterCount + "; download the cluster files of this sorting again");
        }
        AllenAcronyms table = AllenAcronyms.of(files.allenTable());
        String[] out = new String[clusterCount];
        for (int c = 0; c < clusterCount; c++) {
            long channel = channelOf[c];
            if (channel < 0 || channel >= idOf.length) {
                throw new AlfDataException(files.clusterChannels() + ": cluster " + c + " is on channel " + channel + " but "
                        + files.channelIds() + " lists " + idOf.length + " channels; the two come from different extractions");
            }
            out[c] = table.acronym(idOf[(int) channel]).orElse(null);
        }
        return out;
    }

    private static long[] integers(NpyArray a, String what) {
        if (a.rank() != 1 || a.dtype().isFloatingPoint()) {
            throw new AlfDataException(a.file() + ": expected " + what + " (integers, 1 dimension), found " + a.header().descr() + " "
                    + a.header().shapeString());
        }
        return a.toLongArray();
    }
}
