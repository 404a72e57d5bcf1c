package org.nedsj.data.alf;

import java.util.List;

/**
 * Everything the pipeline reads of one session.
 *
 * @param files         where it came from
 * @param trials        the trials table
 * @param wheel         wheel encoder events
 * @param camera        the configured camera's motion energy
 * @param probes        spikes per probe, cluster ids offset so that they are unique across probes
 * @param totalClusters clusters over all probes (merged ids are 0 … totalClusters−1)
 * @param regions       brain region per merged cluster id, null where not known
 */
public record AlfSession(SessionFiles files, TrialsTable trials, WheelRecording wheel, CameraRecording camera,
                         List<ProbeSpikes> probes, int totalClusters, String[] regions) {

    /** A session whose clusters' regions are not known. */
    public AlfSession(SessionFiles files, TrialsTable trials, WheelRecording wheel, CameraRecording camera,
                      List<ProbeSpikes> probes, int totalClusters) {
        this(files, trials, wheel, camera, probes, totalClusters, new String[totalClusters]);
    }

    public SessionRef ref() {
        return files.session();
    }

    public long spikeCount() {
        return probes.stream().mapToLong(ProbeSpikes::spikeCount).sum();
    }
}
