package org.nedsj.trainer.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nedsj.spi.io.FolderLock;
import org.nedsj.trainer.config.ResolvedConfigWriter;

/**
 * The files of one training run: the resolved config, the session table, {@code metrics.csv},
 * {@code checkpoints/latest.zip} and {@code checkpoints/best.zip}, {@code run.json} (provenance) and
 * {@code train.log}. A run being written is locked ({@link FolderLock}).
 */
public final class RunDirectory implements AutoCloseable {

    /** Temporary files of an interrupted atomic write: {@code <file><digits>.tmp} or {@code .<file>-<digits>.tmp}. */
    private static final Pattern LEFTOVER = Pattern.compile(
            "\\.?(latest\\.zip|best\\.zip|run\\.json|sessions\\.json|metrics\\.csv|resolved\\.conf)-?\\d*\\.tmp");

    private final Path root;
    private final FolderLock lock;

    private RunDirectory(Path root, FolderLock lock) {
        this.root = root;
        this.lock = lock;
    }

    /**
     * A new run in {@code root}, locked until {@link #close()}; refuses a folder that already holds a
     * run or that another command is writing.
     */
    public static RunDirectory create(Path root) throws IOException {
        Path absolute = root.toAbsolutePath();
        Files.createDirectories(absolute);
        RunDirectory run = new RunDirectory(absolute, FolderLock.acquire(absolute, "neds train"));
        if (Files.exists(run.latestCheckpoint()) || Files.exists(run.metrics()) || Files.exists(run.config())) {
            run.close();
            throw new IOException(root + " already holds a training run; continue it with --resume " + root
                    + " or choose another --out");
        }
        Files.createDirectories(run.checkpoints());
        return run;
    }

    /** An existing run, for reading (evaluating, fine-tuning from it); takes no lock. */
    public static RunDirectory open(Path root) throws IOException {
        RunDirectory run = new RunDirectory(root.toAbsolutePath(), null);
        if (!Files.isRegularFile(run.latestCheckpoint())) {
            throw new IOException(root + " is not a training run: it has no checkpoints/latest.zip"
                    + (Files.isRegularFile(run.config()) ? " (it stopped before its first checkpoint; continue it with "
                    + "neds train --resume " + root + ")" : ""));
        }
        return run;
    }

    /**
     * An existing run to continue, locked until {@link #close()}, with the temporary files of an
     * interrupted write removed. It may lack a checkpoint when it stopped in its first epoch.
     */
    public static RunDirectory resume(Path root) throws IOException {
        Path absolute = root.toAbsolutePath();
        if (!Files.isRegularFile(absolute.resolve(ResolvedConfigWriter.FILE_NAME))) {
            throw new IOException(root + " is not a training run: it has no " + ResolvedConfigWriter.FILE_NAME);
        }
        RunDirectory run = new RunDirectory(absolute, FolderLock.acquire(absolute, "neds train --resume"));
        run.removeLeftovers(run.root());
        run.removeLeftovers(run.checkpoints());
        return run;
    }

    private void removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> LEFTOVER.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Releases the lock (nothing for a run opened for reading). */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve(ResolvedConfigWriter.FILE_NAME);
    }

    public Path sessions() {
        return root.resolve("sessions.json");
    }

    public Path metrics() {
        return root.resolve("metrics.csv");
    }

    public Path provenance() {
        return root.resolve("run.json");
    }

    public Path log() {
        return root.resolve("train.log");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path latestCheckpoint() {
        return checkpoints().resolve("latest.zip");
    }

    public Path bestCheckpoint() {
        return checkpoints().resolve("best.zip");
    }

    /** The checkpoint of the epoch where {@code modality}'s own smoothed validation loss was lowest. */
    public Path bestCheckpoint(String modality) {
        return checkpoints().resolve("best-" + modality + ".zip");
    }

    /** Writes a text file atomically (temporary file, then move). */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
