package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.preset}, {@code train.batch-size} and {@code train.parallel.replicas} given as {@code auto}
 * are resolved for the run's training sessions and recorded, with why, in the run's resolved.conf (which a
 * resumed run reads, so it keeps what the run started with).
 */
class AutoSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void autoSettingsAreResolvedByTrainingSessionsAndRecorded() throws IOException {
        TinyWorld world = TinyWorld.get();
        Path out = tmp.resolve("run");
        CommandRun run = CommandRun.of("train", "--config", world.experiment.toString(), "--out", out.toString(),
                "--set", "model.preset=auto", "--set", "train.batch-size=auto", "--set", "train.parallel.replicas=auto",
                "--set", "train.max-steps-per-epoch=1");
        assertEquals(0, run.status(), run.err());
        String resolved = Files.readString(out.resolve("resolved.conf"));
        assertTrue(resolved.contains("model.preset = auto, for 2 training session(s)"), resolved);
        assertTrue(resolved.matches("(?s).*\\n\\s*preset\\s*=\\s*\"?neds-5\"?\\s*\\n.*"), resolved);
        assertTrue(resolved.contains("train.batch-size = auto, for 2 training session(s)"), resolved);
        assertTrue(resolved.matches("(?s).*\\n\\s*\"?batch-size\"?\\s*=\\s*16\\s*\\n.*"), resolved);
        assertTrue(resolved.contains("train.parallel.replicas = auto, CPU backend"), resolved);
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/latest.zip")), "the run trained and saved");
    }
}
