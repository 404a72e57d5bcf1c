package org.nedsj.lfp;

import com.typesafe.config.Config;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.store.DatasetWriter;
import org.nedsj.prep.store.InputFingerprint;
import org.nedsj.prep.store.Manifest;
import org.nedsj.prep.store.ManifestIo;
import org.nedsj.prep.store.PreparedDataSource;
import org.nedsj.prep.store.PreparedFiles;
import org.nedsj.prep.store.PreparedSessionData;
import org.nedsj.prep.store.PreparedStore;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SyntheticRecordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code prepared-lfp}: a dataset prepared from an ALF/ONE cache ({@code neds prepare --alf}), with each
 * session's LFP band power as one more neural modality ({@code data.lfp.modality}, default {@code lfp}), read
 * from the session's raw LFP stream ({@code raw_ephys_data/<probe>/}) at the prepared trials' windows. The
 * features are computed once and kept in {@code DATA/lfp/}; a session whose inputs and settings are unchanged
 * (same fingerprint) is not computed again.
 */
public final class LfpSourceFactory implements DataSourceFactory {

    public static final String NAME = "prepared-lfp";
    private static final Logger LOG = LoggerFactory.getLogger(LfpSourceFactory.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a prepared ALF dataset plus LFP band power per token from raw_ephys_data (*.lf.cbin or *.lf.bin) as a neural modality";
    }

    @Override
    public Optional<SyntheticRecordings> syntheticRecordings() {
        return Optional.of(new SyntheticRecordings() {
            @Override
            public String name() {
                return "lfp";
            }

            @Override
            public String description() {
                return "a raw LFP stream per session, .lf.cbin and .lf.bin alternately, band power following wheel and spikes";
            }

            @Override
            public List<String> write(Path alfRoot, long seed) {
                return SyntheticLfp.writeAll(alfRoot, "both", seed);
            }
        });
    }

    @Override
    public DataSource create(Config data) {
        LfpSettings settings = LfpSettings.from(data);
        String path = data.hasPath("path") ? data.getString("path") : "";
        if (path.isBlank()) {
            throw new IllegalArgumentException("data.path is not set; point it at a dataset written by neds prepare --alf ROOT --out DATA");
        }
        Path dir = Path.of(path).toAbsolutePath().normalize();
        Manifest manifest = ManifestIo.read(dir);
        if (manifest.source() != null && !manifest.source().equals("ibl-alf")) {
            throw new IllegalArgumentException(dir + " was prepared by the " + manifest.source() + " source; LFP features are read"
                    + " beside ALF sessions (raw_ephys_data/): prepare the sessions with neds prepare --alf");
        }
        TrialWindow window = TrialWindow.of(manifest, dir);
        List<Manifest.Behaviour> behaviours = manifest.behavioursOr(DatasetWriter.IBL_BEHAVIOURS);
        List<String> wanted = data.hasPath("sessions") ? data.getStringList("sessions") : List.of();
        LfpFeatureStore store = new LfpFeatureStore(dir);
        List<SessionData> sessions = new ArrayList<>();
        StringBuilder fingerprints = new StringBuilder(manifest.fingerprint());
        for (Manifest.Entry e : manifest.sessions()) {
            if (!wanted.isEmpty() && !wanted.contains(e.id())) {
                continue;
            }
            PreparedSessionData base = PreparedStore.open(dir, e, manifest.bins(), behaviours);
            String fingerprint = fingerprint(e, settings, window);
            NpyArray features = store.reusable(e.id(), fingerprint, e.trials(), manifest.bins())
                    .orElseGet(() -> compute(dir, e, settings, window, fingerprint, store));
            sessions.add(new LfpSessionData(base, settings.modality(), features));
            fingerprints.append('|').append(fingerprint);
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("data.sessions " + wanted + " names no session of " + dir.resolve(PreparedFiles.MANIFEST));
        }
        List<ModalitySpec> modalities = new ArrayList<>();
        modalities.add(ModalitySpec.neuralCounts("spikes", manifest.bins()));
        modalities.add(spec(settings.modality(), manifest.bins()));
        behaviours.forEach(b -> modalities.add(b.spec(manifest.bins())));
        return new PreparedDataSource(modalities, sessions, InputFingerprint.ofDataset(settings.asMap(), List.of(fingerprints.toString())));
    }

    /** Band power per token: a neural modality of continuous values, one column per channel and band in each session. */
    public static ModalitySpec spec(String name, int bins) {
        return new ModalitySpec(name, ModalitySpec.Kind.DYNAMIC_CONTINUOUS, ModalitySpec.Role.NEURAL, bins, ModalitySpec.PER_SESSION, 0);
    }

    private static String fingerprint(Manifest.Entry e, LfpSettings settings, TrialWindow window) {
        Path session = Path.of(e.alfPath());
        Path probe = LfpFiles.probeFolder(session, settings.probe());
        if (!LfpFiles.present(probe)) {
            throw new IllegalArgumentException("session " + e.id() + " has no LFP stream in " + probe + " (expected *.lf.cbin with"
                    + " *.lf.ch and *.lf.meta, or *.lf.bin with *.lf.meta); download raw_ephys_data/" + settings.probe()
                    + " for it, set data.lfp.probe, or leave it out with data.sessions");
        }
        List<Path> inputs = new ArrayList<>(LfpFiles.inputs(probe).stream().filter(Files::isRegularFile).toList());
        TrialEvents.file(session, settings.alignTo()).ifPresent(inputs::add);
        ChannelLocations.file(session, settings.probe()).ifPresent(inputs::add);
        Map<String, Object> config = new LinkedHashMap<>(settings.asMap());
        config.put("window", window.asMap());
        config.put("prepared-session", e.fingerprint());
        return InputFingerprint.of(e.id(), session, inputs, config);
    }

    private static NpyArray compute(Path dir, Manifest.Entry e, LfpSettings settings, TrialWindow window, String fingerprint,
                                    LfpFeatureStore store) {
        long start = System.nanoTime();
        Path session = Path.of(e.alfPath());
        Path probe = LfpFiles.probeFolder(session, settings.probe());
        long[] trialIndex = NpyReader.read(dir.resolve(e.id()).resolve(PreparedFiles.TRIAL_INDEX)).toLongArray();
        double[] events = TrialEvents.read(session, settings.alignTo());
        try (LfpRecording recording = LfpFiles.open(probe)) {
            int[] channels = settings.channels().choose(recording.channels(), ChannelLocations.read(session, settings.probe()), probe);
            TokenBandPower features = new TokenBandPower(recording, channels, settings);
            int bins = window.bins();
            int width = features.width();
            float[] values = new float[Math.multiplyExact(trialIndex.length, bins * width)];
            for (int t = 0; t < trialIndex.length; t++) {
                int row = (int) trialIndex[t];
                if (row < 0 || row >= events.length || !Double.isFinite(events[row])) {
                    throw new IllegalArgumentException("session " + e.id() + ": trial " + row + " has no " + settings.alignTo() + " in "
                            + session.resolve("alf") + " (" + events.length + " trials); the prepared dataset and the ALF session"
                            + " disagree: prepare the dataset again");
                }
                features.trial(events[row] + window.start(), window.bin(), bins, values, t * bins * width);
            }
            NpyArray stored = store.write(e.id(), values, trialIndex.length, bins,
                    new LfpFeatureStore.Record(fingerprint, channels, settings.bands().size(), settings.asMap()));
            LOG.info("{}: LFP band power of {} channels × {} bands over {} trials from {} in {} s", e.id(), channels.length,
                    settings.bands().size(), trialIndex.length, recording.file().getFileName(),
                    String.format("%.2f", (System.nanoTime() - start) / 1e9));
            return stored;
        }
    }
}
