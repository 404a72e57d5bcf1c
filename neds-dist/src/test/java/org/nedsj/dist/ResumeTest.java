package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neds train --resume}: provenance follows the overrides, leftovers of a killed write go, nothing else does. */
class ResumeTest {

    @TempDir
    Path tmp;

    @Test
    void overridesOnResumeAreRecordedInTheResolvedConfigAndRunJson() throws IOException, NoSuchAlgorithmException {
        Path run = TinyWorld.get().copyOfRun(tmp);
        CommandRun r = CommandRun.of("train", "--resume", run.toString(), "--set", "train.epochs=2", "--set",
                "model.dropout=0.0");
        assertEquals(0, r.status(), r.err());
        String resolved = Files.readString(run.resolve("resolved.conf"));
        assertTrue(resolved.matches("(?s).*\\bepochs\\s*=\\s*2\\b.*"), "resolved.conf holds the new budget");
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        JsonNode resumed = provenance.get("resumed");
        assertEquals(1, resumed.size(), provenance.toString());
        assertEquals(2, resumed.get(0).get("overrides").size(), "the run's own model.dropout is taken, and recorded");
        assertEquals("train.epochs=2", resumed.get(0).get("overrides").get(0).asText());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resolved.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(sha, provenance.get("config_sha256").asText(), "the hash follows the configuration");
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    @Test
    void resumeRemovesTheTemporariesOfAKilledCheckpointWriteAndNothingElse() throws IOException {
        Path run = TinyWorld.get().copyOfRun(tmp);
        Path leftover = Files.writeString(run.resolve("checkpoints/latest.zip8412377.tmp"), "half a zip");
        Path leftoverJson = Files.writeString(run.resolve("run.json553.tmp"), "{");
        Path users = Files.writeString(run.resolve("checkpoints/notes.tmp"), "mine");
        CommandRun r = CommandRun.of("train", "--resume", run.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(Files.exists(leftover));
        assertFalse(Files.exists(leftoverJson));
        assertEquals("mine", Files.readString(users));
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointStartsAgainOnResume() throws IOException {
        Path run = TinyWorld.get().copyOfRun(tmp);
        Files.delete(run.resolve("checkpoints/latest.zip"));
        Files.delete(run.resolve("checkpoints/best.zip"));
        Files.writeString(run.resolve("metrics.csv"), Files.readAllLines(run.resolve("metrics.csv")).get(0) + "\n1,4,0.00");
        Rejection.assertUserError(CommandRun.of("eval", "--run", run.toString()), "stopped before its first checkpoint",
                "--resume");
        CommandRun r = CommandRun.of("train", "--resume", run.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size(), "the cut row is dropped and epoch 1 written again");
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/latest.zip")));
    }
}
