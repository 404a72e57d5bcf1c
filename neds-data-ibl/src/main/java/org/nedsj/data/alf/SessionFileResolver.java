package org.nedsj.data.alf;

import org.nedsj.prep.align.IncompleteSessionException;

import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.pqt.ParquetTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves where a session's datasets are: behaviour from {@code alf/} or else {@code alf/task_NN/};
 * spike sorting from each {@code alf/probeNN/} folder, taking the first configured collection
 * (iblsorter, pykilosort, the probe folder itself) that has {@code spikes.times}.
 */
public final class SessionFileResolver {

    private static final Pattern PROBE = Pattern.compile("probe\\d+[a-z]?");
    private static final Pattern TASK = Pattern.compile("task_\\d+");

    /** Trial attributes the pipeline reads besides the alignment event and the required ones. */
    public static final List<String> PIPELINE_ATTRIBUTES = List.of("stimOn_times", "goCue_times", "firstMovement_times",
            "feedback_times", "choice", "probabilityLeft");

    private SessionFileResolver() {
    }

    /**
     * @throws IncompleteSessionException when the session has no alf folder or no spike sorting
     * @throws AlfDataException           naming the missing file otherwise
     */
    /** What the user can do about a missing trials attribute, depending on why it is needed. */
    static String missingAttributeAdvice(String attribute, PreprocessingConfig config) {
        if (config.trials().required().contains(attribute)) {
            return "download this trials attribute or remove it from data.ibl.trials.required";
        }
        if (attribute.equals(config.alignTo())) {
            return "download this trials attribute or align to another one with data.ibl.align-to";
        }
        return "download this trials attribute: the preprocessing needs it (trial filter and behaviour)";
    }

    public static SessionFiles resolve(SessionRef session, PreprocessingConfig config) {
        Path alf = session.alf();
        if (!Files.isDirectory(alf)) {
            throw new IncompleteSessionException("session " + session.path() + " has no alf folder");
        }
        List<ProbeFiles> probes = probes(session, config);
        List<AlfCollection> behaviour = behaviourCollections(session);

        Set<String> attributes = new LinkedHashSet<>();
        attributes.add(config.alignTo());
        attributes.addAll(config.trials().required());
        attributes.addAll(PIPELINE_ATTRIBUTES);
        AlfCollection trials = behaviour.stream()
                .filter(c -> c.find("trials", "table", "pqt").isPresent() || c.find("trials", config.alignTo(), "npy").isPresent())
                .findFirst()
                .orElseThrow(() -> new AlfDataException("missing trials: no _ibl_trials.table.pqt or _ibl_trials." + config.alignTo()
                        + ".npy in " + alf + " or its task_NN collections; download the trials of this session (e.g. with ONE)"));
        Path table = trials.find("trials", "table", "pqt").orElse(null);
        Set<String> inTable = table == null ? Set.of() : new LinkedHashSet<>(ParquetTable.read(table).columnNames());
        Map<String, Path> perAttribute = new LinkedHashMap<>();
        for (String a : attributes) {
            if (!inTable.contains(a)) {
                Optional<Path> file = trials.find("trials", a, "npy");
                if (file.isEmpty()) {
                    throw new AlfDataException("missing file " + trials.dir().resolve("_ibl_trials." + a + ".npy")
                            + (table == null ? "" : " (and " + table.getFileName() + " has no column " + a + ")")
                            + "; " + missingAttributeAdvice(a, config));
                }
                perAttribute.put(a, file.get());
            }
        }

        AlfCollection wheel = first(behaviour, "wheel", "position", "npy", "_ibl_wheel.position.npy", alf);
        String camera = config.camera() + "Camera";
        AlfCollection video = first(behaviour, camera, "ROIMotionEnergy", "npy", camera + ".ROIMotionEnergy.npy", alf);
        return new SessionFiles(session, trials.label(), table, perAttribute,
                wheel.require("wheel", "timestamps", "npy", "ibl"), wheel.require("wheel", "position", "npy", "ibl"),
                video.require(camera, "times", "npy", "ibl"), video.require(camera, "ROIMotionEnergy", "npy", ""),
                probes);
    }

    private static AlfCollection first(List<AlfCollection> collections, String object, String attribute, String ext,
                                       String fileName, Path alf) {
        return collections.stream().filter(c -> c.find(object, attribute, ext).isPresent()).findFirst()
                .orElseThrow(() -> new AlfDataException("missing file " + alf.resolve(fileName)
                        + " (also looked in alf/task_NN); download this dataset (e.g. with ONE) or choose another session"));
    }

    /** {@code alf} itself, then {@code alf/task_NN} in order. */
    static List<AlfCollection> behaviourCollections(SessionRef session) {
        List<AlfCollection> out = new ArrayList<>();
        out.add(new AlfCollection(session.alf(), "alf"));
        for (Path task : subfolders(session.alf(), TASK)) {
            out.add(new AlfCollection(task, "alf/" + task.getFileName()));
        }
        return out;
    }

    static List<ProbeFiles> probes(SessionRef session, PreprocessingConfig config) {
        List<ProbeFiles> out = new ArrayList<>();
        for (Path probe : subfolders(session.alf(), PROBE)) {
            for (String name : config.sortingCollections()) {
                String label = "alf/" + probe.getFileName() + (name.isEmpty() ? "" : "/" + name);
                AlfCollection c = new AlfCollection(name.isEmpty() ? probe : probe.resolve(name), label);
                Optional<Path> times = c.find("spikes", "times", "npy");
                if (times.isPresent()) {
                    Path clusterList = c.find("clusters", "depths", "npy").or(() -> c.find("clusters", "channels", "npy")).orElse(null);
                    Path metrics = config.units().goodOnly() ? c.require("clusters", "metrics", "pqt", "") : null;
                    out.add(new ProbeFiles(label, times.get(), c.require("spikes", "clusters", "npy", ""), clusterList, metrics,
                            locations(c, config)));
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new IncompleteSessionException("session " + session.path() + " has no spike sorting (no spikes.times.npy in alf/probeNN/"
                    + config.sortingCollections() + ")");
        }
        return out;
    }

    /** The probe's location files: acronyms, else the Allen-id route (both of its files), else none. */
    private static LocationFiles locations(AlfCollection c, PreprocessingConfig config) {
        Path acronyms = c.find("clusters", "brainLocationAcronyms_ccf_2017", "npy").orElse(null);
        Path clusterChannels = c.find("clusters", "channels", "npy").orElse(null);
        Path channelIds = c.find("channels", "brainLocationIds_ccf_2017", "npy").orElse(null);
        return new LocationFiles(acronyms, clusterChannels, channelIds, config.allenTable());
    }

    private static List<Path> subfolders(Path dir, Pattern name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
