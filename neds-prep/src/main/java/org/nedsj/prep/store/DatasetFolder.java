package org.nedsj.prep.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.nedsj.spi.io.FolderLock;

/**
 * The folder {@code neds prepare} writes a dataset into, claimed for one preparation at a time. It
 * writes only into a folder it owns: a new or empty one (marked with {@value #MARKER} at once, so an
 * interrupted preparation stays recognisable; the manifest replaces it when done) or one holding a
 * dataset it prepared before (its {@code manifest.json}). A non-empty folder of anything else is refused untouched.
 */
final class DatasetFolder implements AutoCloseable {

    static final String MARKER = ".neds-dataset";

    private final Path dir;
    private final FolderLock lock;
    /** Whether the folder was new or empty when claimed (so a failed preparation may remove what it made). */
    private final boolean created;

    private DatasetFolder(Path dir, FolderLock lock, boolean created) {
        this.dir = dir;
        this.lock = lock;
        this.created = created;
    }

    /**
     * @throws IllegalArgumentException naming the folder when it is not ours to write
     * @throws org.nedsj.spi.io.FolderBusyException when another command is writing it
     */
    static DatasetFolder claim(Path out) {
        Path dir = out.toAbsolutePath();
        requireOwnable(dir);
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dataset folder " + dir + ": " + e.getMessage(), e);
        }
        FolderLock lock = FolderLock.acquire(dir, "neds prepare");
        try {
            requireOwnable(dir);
            boolean fresh = created || onlyOurs(dir);
            if (!Files.exists(dir.resolve(MARKER))) {
                Files.writeString(dir.resolve(MARKER), "a dataset folder of NEDS-J (neds prepare)\n");
            }
            return new DatasetFolder(dir, lock, fresh);
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot mark the dataset folder " + dir + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static void requireOwnable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file; give a folder for the prepared dataset");
        }
        if (!Files.isDirectory(dir) || onlyOurs(dir) || Files.exists(dir.resolve(MARKER))) {
            return;
        }
        Path manifest = dir.resolve(PreparedFiles.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException(dir + " is not empty and holds no prepared dataset (no "
                    + PreparedFiles.MANIFEST + "); neds prepare writes only into a new or empty folder or a dataset it "
                    + "prepared, so nothing was changed: choose another --out");
        }
        if (!isOurManifest(manifest)) {
            throw new IllegalArgumentException(manifest + " is not the manifest of a NEDS-J prepared dataset; nothing "
                    + "was changed: choose another --out");
        }
    }

    /** Empty but for the lock: a folder nothing else lives in. */
    private static boolean onlyOurs(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(FolderLock.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOurManifest(Path manifest) {
        try {
            JsonNode format = ManifestIo.JSON.readTree(manifest.toFile()).get("format");
            return format != null && format.asText().startsWith("neds-prepared/");
        } catch (IOException e) {
            return false;
        }
    }

    Path dir() {
        return dir;
    }

    /** After a failure: a folder this preparation made and left empty of sessions is removed again. */
    void abandon() {
        if (!created || Files.exists(dir.resolve(PreparedFiles.MANIFEST)) || !onlyMarkerAndLock()) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(MARKER));
        } catch (IOException ignored) {
            // the preparation's own error is the one to report
        }
    }

    private boolean onlyMarkerAndLock() {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            return names.stream().allMatch(n -> n.equals(MARKER) || n.equals(FolderLock.FILE_NAME));
        } catch (IOException e) {
            return false;
        }
    }

    /** Releases the lock; once the manifest exists it marks the folder, so the marker goes. */
    @Override
    public void close() {
        if (Files.isRegularFile(dir.resolve(PreparedFiles.MANIFEST))) {
            try {
                Files.deleteIfExists(dir.resolve(MARKER));
            } catch (IOException ignored) {
                // a marker left beside a manifest is harmless
            }
        }
        lock.close();
        if (created && onlyMarkerAndLockGone()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a folder left empty is harmless
            }
        }
    }

    private boolean onlyMarkerAndLockGone() {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
