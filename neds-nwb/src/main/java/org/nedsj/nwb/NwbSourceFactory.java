package org.nedsj.nwb;

import com.typesafe.config.Config;
import org.nedsj.prep.align.IncompleteSessionException;
import org.nedsj.prep.store.InputFingerprint;
import org.nedsj.prep.store.PreparedDataSource;
import org.nedsj.prep.store.PreparedSessionData;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.RecordingFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nwb}: NWB files ({@code data.path} = a file or a folder of them) prepared in memory through
 * the {@code data.nwb} mapping when the source is created; writes nothing. {@code neds prepare --in}
 * writes the same arrays as a prepared dataset ({@link NwbFormat}).
 */
public final class NwbSourceFactory implements DataSourceFactory {

    public static final String NAME = "nwb";

    private static final Logger LOG = LoggerFactory.getLogger(NwbSourceFactory.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NWB 2.x files (HDF5, read by jHDF), mapped by data.nwb and prepared in memory: spikes and the mapped behaviours";
    }

    @Override
    public Optional<RecordingFormat> recordingFormat() {
        return Optional.of(new NwbFormat());
    }

    @Override
    public DataSource create(Config data) {
        NwbMapping mapping = NwbMapping.from(data);
        Path root = dataPath(data);
        List<Path> files = NwbFiles.chosen(NwbFiles.find(root), NwbSourceFactory.sessions(data), root);
        NwbSessionReader reader = new NwbSessionReader(mapping);
        List<PreparedSessionData> sessions = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (Path f : files) {
            try {
                sessions.add(PreparedSessionData.inMemory(reader.prepare(f)));
                fingerprints.add(InputFingerprint.of(NwbSessionReader.sessionId(f), f.toAbsolutePath().getParent(),
                        List.of(f.toAbsolutePath()), mapping.asMap()));
            } catch (IncompleteSessionException e) {
                if (NwbSourceFactory.sessions(data).contains(NwbSessionReader.sessionId(f))) {
                    throw e;
                }
                LOG.warn("skipped {}: {}", f, e.getMessage());
            }
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no NWB file under " + root + " (data.path) has trials and units passing the filters");
        }
        return new PreparedDataSource(modalities(mapping), sessions, InputFingerprint.ofDataset(mapping.asMap(), fingerprints));
    }

    /** spikes, then the dynamic behaviours, then the static ones, each group by name. */
    static List<ModalitySpec> modalities(NwbMapping mapping) {
        int bins = mapping.rules().window().bins();
        List<ModalitySpec> m = new ArrayList<>();
        m.add(ModalitySpec.neuralCounts(org.nedsj.prep.align.PreparedSession.SPIKES, bins));
        mapping.dynamic().forEach(d -> m.add(ModalitySpec.dynamicBehaviour(d.name(), bins)));
        mapping.statics().forEach(s -> m.add(ModalitySpec.staticBehaviour(s.name(), s.classes().size())));
        return m;
    }

    /** {@code data.sessions}: the session ids (file names without .nwb) to use; empty = every file. */
    static List<String> sessions(Config data) {
        return data.hasPath("sessions") ? data.getStringList("sessions") : List.of();
    }

    static Path dataPath(Config data) {
        String p = data.hasPath("path") ? data.getString("path") : "";
        if (p.isBlank()) {
            throw new IllegalArgumentException("data.path is empty: set data.path to an NWB file or a folder of them (e.g. --set data.path=FILE.nwb)");
        }
        return Path.of(p);
    }
}
