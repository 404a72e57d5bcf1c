package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyWriter;
import org.nedsj.spi.io.FolderLock;

/** {@code neds eval} on data that is not what the model was trained on, or on damaged data. */
class BadEvalInputTest {

    @TempDir
    Path tmp;

    TinyWorld world;
    Path run;

    @BeforeEach
    void copyRun() {
        world = TinyWorld.get();
        run = world.copyOfRun(tmp);
    }

    private void assertEvalRefused(Path data, String... message) {
        FolderSnapshot before = FolderSnapshot.of(run, data);
        Rejection.assertUserError(CommandRun.of("eval", "--run", run.toString(), "--data", data.toString()), message);
        before.assertUnchanged();
    }

    @Test
    void otherUnitsUnderTheSameSessionIdAndWidthAreRefused() {
        Path data = world.copyOfData(tmp);
        Path units = data.resolve(world.sessions.get(0)).resolve("units.npy");
        long[] ids = NpyReader.read(units).toLongArray();
        for (int i = 0; i < ids.length; i++) {
            ids[i] += 1000;
        }
        NpyWriter.writeLongs(units, ids, ids.length);
        assertEvalRefused(data, "session " + world.sessions.get(0), "other units than the model was trained on",
                "column 0 is unit " + ids[0]);
    }

    @Test
    void anotherNeuronCountIsRefusedBeforeAnyComputation() throws IOException {
        Path data = world.copyOfData(tmp);
        String session = world.sessions.get(0);
        Path dir = data.resolve(session);
        NpyArray spikes = NpyReader.read(dir.resolve("spikes.npy"));
        long[] shape = spikes.shape();
        int neurons = Math.toIntExact(shape[2]);
        byte[] fewer = new byte[Math.toIntExact(shape[0] * shape[1] * (neurons - 1))];
        for (int row = 0, k = 0; row < shape[0] * shape[1]; row++) {
            for (int n = 0; n < neurons - 1; n++) {
                fewer[k++] = (byte) spikes.getLong(row * neurons + n);
            }
        }
        NpyWriter.writeBytes(dir.resolve("spikes.npy"), NpyDtype.U1, fewer, shape[0], shape[1], neurons - 1);
        long[] units = NpyReader.read(dir.resolve("units.npy")).toLongArray();
        NpyWriter.writeLongs(dir.resolve("units.npy"), java.util.Arrays.copyOf(units, neurons - 1), neurons - 1);
        String[] regions = org.nedsj.prep.npy.NpyStrings.read(dir.resolve("regions.npy"));
        org.nedsj.prep.npy.NpyStrings.write(dir.resolve("regions.npy"), java.util.Arrays.copyOf(regions, neurons - 1));
        ObjectMapper json = new ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(data.resolve("manifest.json").toFile());
        for (var entry : manifest.get("sessions")) {
            if (entry.get("id").asText().equals(session)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) entry).put("neurons", neurons - 1);
            }
        }
        json.writeValue(data.resolve("manifest.json").toFile(), manifest);
        assertEvalRefused(data, "session " + session, (neurons - 1) + " units where the model was trained on " + neurons);
    }

    @Test
    void aMissingDataFolderIsNamed() {
        Path missing = tmp.resolve("nowhere");
        Rejection.assertUserError(CommandRun.of("eval", "--run", run.toString(), "--data", missing.toString()),
                missing.toString());
        assertFalse(Files.exists(run.resolve("report")));
    }

    @Test
    void aDamagedPreparedFileSaysToPrepareAgain() throws IOException {
        Path data = world.copyOfData(tmp);
        Path wheel = data.resolve(world.sessions.get(0)).resolve("wheel.npy");
        Files.write(wheel, java.util.Arrays.copyOf(Files.readAllBytes(wheel), 200));
        assertEvalRefused(data, wheel.toString(), "truncated", "run neds prepare again");
    }

    @Test
    void aReportFolderInUseIsRefused() throws IOException {
        Path report = Files.createDirectories(tmp.resolve("report"));
        try (FolderLock held = FolderLock.acquire(report, "neds eval (test)")) {
            assertTrue(held.file().toFile().exists());
            Rejection.assertUserError(CommandRun.of("eval", "--run", run.toString(), "--out", report.toString()),
                    "is in use by another neds command", "neds eval (test)");
        }
    }

    @Test
    void theReportRecordsTheDataItEvaluatedBesideTheTrainingData() throws IOException {
        Path data = world.copyOfData(tmp);
        Path manifest = data.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"fingerprint\" : \"[0-9a-f]+\"",
                "\"fingerprint\" : \"0123456789abcdef\""));
        CommandRun r = CommandRun.of("eval", "--run", run.toString(), "--data", data.toString(), "--out",
                tmp.resolve("report").toString());
        assertEquals(0, r.status(), r.err());
        var json = new ObjectMapper().readTree(tmp.resolve("report/report.json").toFile());
        String text = Files.readString(tmp.resolve("report/report.txt"));
        assertTrue(text.contains("evaluated_data_fingerprint") && text.contains("0123456789abcdef"), text);
        assertTrue(text.contains("evaluated_data") && text.contains(data.toString()), text);
        assertTrue(json.at("/provenance/baselines").asText().startsWith("decoders read the 32 leading principal "
                + "components"), "the report says what the baselines read: " + json.get("provenance"));
    }
}
