package org.nedsj.lfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The LFP features of a prepared dataset: {@code DATA/lfp/<session>.npy} (float32 {@code [trials, bins, channels × bands]},
 * log band power) and {@code DATA/lfp/<session>.json} (the fingerprint they were computed for, the channels and the
 * settings). Beside the sessions' folders, not inside them, so {@code neds prepare} still finds only its own
 * files there. Written to temporary names and moved into place, the .json last: a half-written pair is never
 * taken for a finished one.
 */
public final class LfpFeatureStore {

    public static final String FOLDER = "lfp";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a feature file was computed from. */
    public record Record(String fingerprint, int[] channels, int bands, Map<String, Object> settings) {
    }

    private final Path folder;

    public LfpFeatureStore(Path dataDir) {
        this.folder = dataDir.resolve(FOLDER);
    }

    public Path features(String session) {
        return folder.resolve(session + ".npy");
    }

    private Path record(String session) {
        return folder.resolve(session + ".json");
    }

    /** The stored features of {@code session} when they were computed for {@code fingerprint} with the expected shape. */
    public Optional<NpyArray> reusable(String session, String fingerprint, long trials, long bins) {
        Path json = record(session);
        Path npy = features(session);
        if (!Files.isRegularFile(json) || !Files.isRegularFile(npy)) {
            return Optional.empty();
        }
        try {
            JsonNode r = JSON.readTree(json.toFile());
            if (!fingerprint.equals(r.path("fingerprint").asText())) {
                return Optional.empty();
            }
            NpyArray a = NpyReader.map(npy);
            long[] shape = a.shape();
            if (a.dtype() != NpyDtype.F4 || shape.length != 3 || shape[0] != trials || shape[1] != bins) {
                return Optional.empty();
            }
            return Optional.of(a);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes a session's features and their record; on failure nothing new is left. */
    public NpyArray write(String session, float[] values, int trials, int bins, Record record) {
        int width = values.length / Math.max(1, trials * bins);
        Path npyTmp = null;
        Path jsonTmp = null;
        try {
            Files.createDirectories(folder);
            npyTmp = Files.createTempFile(folder, ".neds-partial-" + session + "-", ".npy");
            jsonTmp = Files.createTempFile(folder, ".neds-partial-" + session + "-", ".json");
            NpyWriter.writeFloats(npyTmp, values, trials, bins, width);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("fingerprint", record.fingerprint());
            r.put("channels", record.channels());
            r.put("bands", record.bands());
            r.put("settings", record.settings());
            JSON.writeValue(jsonTmp.toFile(), r);
            Files.deleteIfExists(record(session));
            Files.move(npyTmp, features(session), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(jsonTmp, record(session), StandardCopyOption.ATOMIC_MOVE);
            return NpyReader.map(features(session));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write LFP features " + features(session) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(npyTmp);
            deleteQuietly(jsonTmp);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file of ours; the next write replaces it
            }
        }
    }
}
