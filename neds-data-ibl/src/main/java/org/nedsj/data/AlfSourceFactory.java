package org.nedsj.data;

import com.typesafe.config.Config;
import org.nedsj.data.alf.AlfSessionReader;
import org.nedsj.prep.align.IncompleteSessionException;
import org.nedsj.data.alf.SessionFileResolver;
import org.nedsj.data.alf.SessionFiles;
import org.nedsj.data.alf.SessionFinder;
import org.nedsj.data.alf.SessionRef;
import org.nedsj.data.align.SessionPipeline;
import org.nedsj.prep.store.InputFingerprint;
import org.nedsj.prep.store.PreparedDataSource;
import org.nedsj.prep.regions.RegionSelection;
import org.nedsj.prep.store.PreparedSessionData;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.RecordingFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ibl-alf}: runs the preprocessing pipeline in memory over an ALF/ONE cache
 * ({@code data.path} = its root) when the source is created; writes nothing to disk.
 */
public final class AlfSourceFactory implements DataSourceFactory {

    /** This source's name, also recorded in the manifests of the datasets it prepares. */
    public static final String NAME = "ibl-alf";

    private static final Logger LOG = LoggerFactory.getLogger(AlfSourceFactory.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "IBL sessions of an ALF/ONE cache, aligned and binned in memory: spikes, wheel, whisker, choice, block";
    }

    @Override
    public Optional<RecordingFormat> recordingFormat() {
        return Optional.of(new AlfFormat());
    }

    @Override
    public DataSource create(Config data) {
        DataSettings settings = DataSettings.from(data);
        PreprocessingConfig config = PreprocessingConfig.from(data);
        Path root = settings.requirePath("an ALF/ONE cache root (or a folder written by neds synth)");
        List<SessionRef> found = SessionFinder.find(root);
        settings.requireKnown(found.stream().map(SessionRef::id).toList(), root);
        SessionPipeline pipeline = new SessionPipeline(config);
        List<PreparedSessionData> sessions = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (SessionRef ref : found) {
            if (!settings.wants(ref.id())) {
                continue;
            }
            try {
                SessionFiles files = SessionFileResolver.resolve(ref, config);
                sessions.add(PreparedSessionData.inMemory(pipeline.run(AlfSessionReader.load(files, config))));
                fingerprints.add(InputFingerprint.of(ref.id(), ref.path(), files.inputs(), config.toMap()));
            } catch (IncompleteSessionException e) {
                if (settings.named(ref.id())) {
                    throw e;
                }
                LOG.warn("skipped {}: {}", ref.id(), e.getMessage());
            }
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no session under " + root + " (data.path) has usable trials and spike sorting");
        }
        return new PreparedDataSource(IblModalities.of(config.window().bins(), config.trials().blockLevels().size()),
                RegionSelection.from(data.withFallback(PreprocessingConfig.referenceData())).apply(sessions, LOG::warn),
                InputFingerprint.ofDataset(config.toMap(), fingerprints));
    }
}
