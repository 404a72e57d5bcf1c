package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An out-of-tree plugin with array-level codecs (the README's pupil-diameter example, compiled into
 * a jar in the plugin directory) trains through the command line: its parameters are in the
 * model's parameter store, trained and saved, and the run evaluates.
 */
class ArrayCodecPluginTest {

    @TempDir
    Path tmp;

    static Path pupilJar(Path dir) throws IOException {
        String source;
        try (InputStream in = ArrayCodecPluginTest.class.getResourceAsStream("/examples/pupil/PupilPlugin.java")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return LabPluginJar.write(dir, "pupil.jar", source, "org.example.pupil.PupilPlugin", "# no keys of its own\n");
    }

    /** A graph-only codec still trains; the run names the one modality that goes through a graph. */
    @Test
    void aGraphOnlyModalityTrainsBesideArrayLevelOnesAndIsNamed() throws IOException {
        String source;
        try (InputStream in = ArrayCodecPluginTest.class.getResourceAsStream("/examples/pupil-graph/GraphPupilPlugin.java")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LabPluginJar.write(tmp.resolve("plugins"), "pupil-graph.jar", source, "org.example.pupilgraph.GraphPupilPlugin",
                "# no keys of its own\n");
        Path run = tmp.resolve("run");
        String world = TinyWorld.get().experiment.toString();
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        CommandRun train;
        try {
            System.setOut(new java.io.PrintStream(console, true, StandardCharsets.UTF_8));   // neds train prints its progress there
            train = CommandRun.of("train", "--config", world, "--out", run.toString(),
                    "--set", "plugins.dir=" + tmp.resolve("plugins"),
                    "--set", "model.modalities.whisker.encoder=pupil-graph-linear",
                    "--set", "model.modalities.whisker.decoder=pupil-graph-mse");
        } finally {
            System.setOut(out);
        }
        assertEquals(0, train.status(), train.err());
        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("note: whisker runs through its plugin's SameDiff graph"), printed);
        assertTrue(!printed.contains("note: whisker, ") && !printed.contains(", whisker run "), printed);
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/latest.zip")));
    }

    @Test
    void aModalityOnALabsArrayLevelCodecsTrainsAndEvaluates() throws IOException {
        pupilJar(tmp.resolve("plugins"));
        TinyWorld world = TinyWorld.get();
        Path run = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--config", world.experiment.toString(), "--out", run.toString(),
                "--set", "plugins.dir=" + tmp.resolve("plugins"),
                "--set", "model.modalities.whisker.encoder=pupil-linear",
                "--set", "model.modalities.whisker.decoder=pupil-mse"));
        CommandRun train = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, train.status(), train.err());

        JsonNode description;
        try (ZipFile zip = new ZipFile(run.resolve("checkpoints/latest.zip").toFile())) {
            description = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("model.json")));
        }
        List<String> names = new ArrayList<>();
        description.get("layout").forEach(p -> names.add(p.get("name").asText()));
        assertTrue(names.containsAll(List.of("whisker/in_w", "whisker/in_b", "whisker/out_w", "whisker/out_b")), names.toString());
        JsonNode whisker = null;
        for (JsonNode m : description.get("modalities")) {
            whisker = m.get("name").asText().equals("whisker") ? m : whisker;
        }
        assertEquals("pupil-linear", whisker.get("encoder").asText());
        assertEquals("pupil-mse", whisker.get("decoder").asText());

        CommandRun eval = CommandRun.of("eval", "--run", run.toString(), "--out", tmp.resolve("report").toString());
        assertEquals(0, eval.status(), eval.err());
        JsonNode report = new ObjectMapper().readTree(Files.readString(tmp.resolve("report/report.json")));
        assertTrue(Double.isFinite(report.at("/mean/decoding/whisker.r2").asDouble(Double.NaN)), report.toString());
    }
}
