package org.nedsj.nwb;

import com.typesafe.config.Config;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.store.DatasetWriter;
import org.nedsj.prep.store.InputFingerprint;
import org.nedsj.prep.store.Manifest;
import org.nedsj.prep.store.PrepareResult;
import org.nedsj.prep.store.SessionJob;
import org.nedsj.spi.RecordingFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** NWB files for {@code neds inspect} ({@link NwbInspector}) and {@code neds prepare --in} (the shared {@link DatasetWriter}). */
final class NwbFormat implements RecordingFormat {

    @Override
    public boolean recognises(Path input) {
        if (NwbFiles.isNwb(input)) {
            return true;
        }
        try (var s = Files.list(input)) {
            return Files.isDirectory(input) && s.anyMatch(NwbFiles::isNwb);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String inspect(Path input) {
        StringBuilder out = new StringBuilder();
        for (Path f : NwbFiles.find(input)) {
            out.append(NwbInspector.describe(f));
        }
        return out.toString();
    }

    @Override
    public String prepare(Config data, Path input, Path out, Consumer<String> log) {
        NwbMapping mapping = NwbMapping.from(data);
        List<String> named = NwbSourceFactory.sessions(data);
        List<Path> files = NwbFiles.chosen(NwbFiles.find(input), named, input);
        NwbSessionReader reader = new NwbSessionReader(mapping);
        List<SessionJob> jobs = files.stream().map(f -> job(f.toAbsolutePath().normalize(), reader, mapping)).toList();
        List<Manifest.Behaviour> behaviours = NwbSourceFactory.modalities(mapping).stream().filter(m -> !m.isNeural())
                .map(Manifest.Behaviour::of).toList();
        PrepareResult result = new DatasetWriter(NwbSourceFactory.NAME, mapping.asMap(), mapping.rules().window().bins(), behaviours)
                .write(input, jobs, named::contains, out, log);
        return result.describe();
    }

    private static SessionJob job(Path file, NwbSessionReader reader, NwbMapping mapping) {
        String id = NwbSessionReader.sessionId(file);
        return new SessionJob(id, file, () -> new SessionJob.Inputs() {
            private final String fingerprint = InputFingerprint.of(id, file.getParent(), List.of(file), mapping.asMap());

            @Override
            public List<Path> files() {
                return List.of(file);
            }

            @Override
            public String fingerprint() {
                return fingerprint;
            }

            @Override
            public PreparedSession prepare() {
                return reader.prepare(file);
            }
        });
    }
}
