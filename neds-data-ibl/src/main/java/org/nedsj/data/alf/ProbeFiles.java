package org.nedsj.data.alf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spike-sorting files of one probe, from the preferred collection that has them.
 *
 * @param label       the collection, e.g. {@code alf/probe00/pykilosort}
 * @param times       {@code spikes.times.npy}
 * @param clusters    {@code spikes.clusters.npy}
 * @param clusterList {@code clusters.depths.npy} or {@code clusters.channels.npy} (its length is the cluster count), or null
 * @param metrics     {@code clusters.metrics.pqt}, or null when not present or not needed
 * @param locations   where the clusters were recorded ({@link LocationFiles#NONE} when unknown)
 */
public record ProbeFiles(String label, Path times, Path clusters, Path clusterList, Path metrics, LocationFiles locations) {

    public ProbeFiles {
        locations = locations == null ? LocationFiles.NONE : locations;
    }

    /** A probe without location files. */
    public ProbeFiles(String label, Path times, Path clusters, Path clusterList, Path metrics) {
        this(label, times, clusters, clusterList, metrics, LocationFiles.NONE);
    }

    /** Every file this probe's data is read from. */
    public List<Path> inputs() {
        List<Path> out = new ArrayList<>(List.of(times, clusters));
        if (clusterList != null) {
            out.add(clusterList);
        }
        if (metrics != null) {
            out.add(metrics);
        }
        locations.inputs().stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }
}
