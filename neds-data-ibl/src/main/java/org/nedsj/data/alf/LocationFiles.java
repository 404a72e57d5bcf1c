package org.nedsj.data.alf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one probe's clusters were recorded, as IBL publishes it: the acronym of each cluster, or
 * else the cluster → channel → Allen id route. Any of the files may be absent (null).
 *
 * @param acronyms        {@code clusters.brainLocationAcronyms_ccf_2017.npy}
 * @param clusterChannels {@code clusters.channels.npy}
 * @param channelIds      {@code channels.brainLocationIds_ccf_2017.npy}
 * @param allenTable      the id → acronym table the Allen ids are read with (null: the built-in one)
 */
public record LocationFiles(Path acronyms, Path clusterChannels, Path channelIds, Path allenTable) {

    public static final LocationFiles NONE = new LocationFiles(null, null, null, null);

    /** Whether the Allen-id route is used: no acronyms, both route files present. */
    public boolean usesAllenIds() {
        return acronyms == null && clusterChannels != null && channelIds != null;
    }

    /** The files a probe's regions are read from (what changes them changes the prepared session). */
    public List<Path> inputs() {
        List<Path> out = new ArrayList<>();
        if (acronyms != null) {
            out.add(acronyms);
        } else if (usesAllenIds()) {
            out.add(clusterChannels);
            out.add(channelIds);
            if (allenTable != null) {
                out.add(allenTable);
            }
        }
        return out;
    }
}
