package org.nedsj.data.alf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where each dataset of one session is, resolved before anything is read (so a prepared session
 * can be recognised as unchanged from these files alone).
 *
 * @param session          the session folder
 * @param trialsCollection the collection holding the trials
 * @param trialsTable      {@code _ibl_trials.table.pqt}, or null
 * @param trialAttributes  per-attribute {@code _ibl_trials.<attribute>.npy} files for attributes the table lacks
 * @param wheelTimestamps  {@code _ibl_wheel.timestamps.npy}
 * @param wheelPosition    {@code _ibl_wheel.position.npy}
 * @param cameraTimes      {@code _ibl_<camera>Camera.times.npy}
 * @param motionEnergy     {@code <camera>Camera.ROIMotionEnergy.npy}
 * @param probes           spike sorting per probe, in probe order
 */
public record SessionFiles(SessionRef session, String trialsCollection, Path trialsTable, Map<String, Path> trialAttributes,
                           Path wheelTimestamps, Path wheelPosition, Path cameraTimes, Path motionEnergy,
                           List<ProbeFiles> probes) {

    public SessionFiles {
        trialAttributes = Map.copyOf(trialAttributes);
        probes = List.copyOf(probes);
    }

    /** Every file the session is read from, in a stable order. */
    public List<Path> inputs() {
        List<Path> out = new ArrayList<>();
        if (trialsTable != null) {
            out.add(trialsTable);
        }
        trialAttributes.keySet().stream().sorted().forEach(k -> out.add(trialAttributes.get(k)));
        out.add(wheelTimestamps);
        out.add(wheelPosition);
        out.add(cameraTimes);
        out.add(motionEnergy);
        probes.forEach(p -> out.addAll(p.inputs()));
        return out;
    }
}
