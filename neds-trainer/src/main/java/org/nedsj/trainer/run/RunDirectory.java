package org.nedsj.trainer.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files of one training run: the resolved config, the session table, {@code metrics.csv},
 * {@code checkpoints/latest.zip} and {@code checkpoints/best.zip}, {@code run.json} (provenance) and
 * {@code train.log}.
 */
public final class RunDirectory {

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** A new run in {@code root}; refuses a directory that already holds a run. */
    public static RunDirectory create(Path root) throws IOException {
        RunDirectory run = new RunDirectory(root.toAbsolutePath());
        if (Files.exists(run.latestCheckpoint()) || Files.exists(run.metrics())) {
            throw new IOException(root + " already holds a training run; continue it with --resume " + root
                    + " or choose another --out");
        }
        Files.createDirectories(run.checkpoints());
        return run;
    }

    /** An existing run, for resuming, evaluating or fine-tuning. */
    public static RunDirectory open(Path root) throws IOException {
        RunDirectory run = new RunDirectory(root.toAbsolutePath());
        if (!Files.isRegularFile(run.latestCheckpoint())) {
            throw new IOException(root + " is not a training run: it has no checkpoints/latest.zip");
        }
        return run;
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve(org.nedsj.trainer.config.ResolvedConfigWriter.FILE_NAME);
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
