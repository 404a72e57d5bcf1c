package org.nedsj.data.prepared;

import com.typesafe.config.Config;
import org.nedsj.data.AlfSourceFactory;
import org.nedsj.data.DataSettings;
import org.nedsj.data.IblModalities;
import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.alf.AlfSessionReader;
import org.nedsj.data.alf.SessionFileResolver;
import org.nedsj.data.alf.SessionFiles;
import org.nedsj.data.alf.SessionFinder;
import org.nedsj.data.alf.SessionRef;
import org.nedsj.data.align.SessionPipeline;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.store.DatasetWriter;
import org.nedsj.prep.store.InputFingerprint;
import org.nedsj.prep.store.Manifest;
import org.nedsj.prep.store.PrepareResult;
import org.nedsj.prep.store.SessionJob;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code neds prepare} of an ALF/ONE cache: finds its sessions and hands them, with the IBL
 * pipeline, to the shared {@link DatasetWriter} (atomic sessions, reuse of unchanged ones, manifest).
 */
public final class DatasetPreparer {

    private final PreprocessingConfig config;
    private final DataSettings settings;

    /** @param data the experiment's {@code data} section (defaults fill what it lacks) */
    public DatasetPreparer(Config data) {
        this.config = PreprocessingConfig.from(data);
        this.settings = DataSettings.from(data);
    }

    public PreprocessingConfig config() {
        return config;
    }

    /**
     * Prepares every session under {@code alfRoot} (or those of {@code data.sessions}) into {@code out}.
     *
     * @param log receives one line per session
     * @throws IllegalArgumentException naming the file and problem when a session's data is unusable;
     *                                  sessions finished before stay complete, the failing one leaves nothing
     */
    public PrepareResult prepare(Path alfRoot, Path out, Consumer<String> log) {
        List<SessionRef> found = SessionFinder.find(alfRoot);
        settings.requireKnown(found.stream().map(SessionRef::id).toList(), alfRoot);
        SessionPipeline pipeline = new SessionPipeline(config);
        List<SessionJob> jobs = found.stream().filter(ref -> settings.wants(ref.id()))
                .map(ref -> new SessionJob(ref.id(), ref.path(), () -> inputs(ref, pipeline)))
                .toList();
        List<Manifest.Behaviour> behaviours = IblModalities.of(config.window().bins(), config.trials().blockLevels().size()).stream()
                .filter(m -> !m.isNeural()).map(Manifest.Behaviour::of).toList();
        return new DatasetWriter(AlfSourceFactory.NAME, config.toMap(), config.window().bins(), behaviours)
                .write(alfRoot, jobs, settings::named, out, log);
    }

    private SessionJob.Inputs inputs(SessionRef ref, SessionPipeline pipeline) {
        SessionFiles files = SessionFileResolver.resolve(ref, config);
        String fingerprint = InputFingerprint.of(ref.id(), ref.path(), files.inputs(), config.toMap());
        return new SessionJob.Inputs() {
            @Override
            public List<Path> files() {
                return files.inputs();
            }

            @Override
            public String fingerprint() {
                return fingerprint;
            }

            @Override
            public PreparedSession prepare() {
                return pipeline.run(AlfSessionReader.load(files, config));
            }
        };
    }

    /** Whether {@code dir} holds a prepared dataset. */
    public static boolean isPrepared(Path dir) {
        return DatasetWriter.isPrepared(dir);
    }
}
