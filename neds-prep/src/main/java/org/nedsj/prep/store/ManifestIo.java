package org.nedsj.prep.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Reads and writes {@code manifest.json} (written to a temporary file, then moved into place). */
public final class ManifestIo {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestIo() {
    }

    /** @throws IllegalArgumentException naming the file when it is missing or unreadable */
    public static Manifest read(Path dataDir) {
        Path file = dataDir.resolve(PreparedFiles.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + PreparedFiles.MANIFEST + " in " + dataDir
                    + "; data.path must be a dataset written by `neds prepare --alf ROOT --out " + dataDir + "`");
        }
        try {
            Manifest m = JSON.readValue(file.toFile(), Manifest.class);
            if (!Manifest.FORMAT.equals(m.format())) {
                throw new IllegalArgumentException(file + " has format '" + m.format() + "', this version reads '" + Manifest.FORMAT
                        + "'; prepare the dataset again");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read (" + e.getMessage() + "); prepare the dataset again", e);
        }
    }

    /** The manifest of {@code dataDir}, or empty when there is none or it cannot be read. */
    public static Optional<Manifest> readIfPresent(Path dataDir) {
        if (!Files.isRegularFile(dataDir.resolve(PreparedFiles.MANIFEST))) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(dataDir));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static void write(Path dataDir, Manifest manifest) {
        Path file = dataDir.resolve(PreparedFiles.MANIFEST);
        Path tmp = dataDir.resolve("." + PreparedFiles.MANIFEST + ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(manifest));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write error is the one to report
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Canonical JSON of a value (used for fingerprints). */
    static String json(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
