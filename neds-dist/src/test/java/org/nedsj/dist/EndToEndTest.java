package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end on small synthetic data: synth → prepare → train → resume → eval →
 * finetune → ablate, with a tiny model so the whole chain takes well under a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;
    private Path data;
    private Path experiment;
    private List<String> sessions;

    @BeforeAll
    void synthesiseAndPrepare(@TempDir Path dir) throws IOException {
        root = dir;
        Path alf = root.resolve("alf");
        data = root.resolve("data");
        CommandRun synth = CommandRun.of("synth", "--out", alf.toString(), "--sessions", "3", "--trials", "70", "--seed", "5");
        assertEquals(0, synth.status(), synth.err());
        CommandRun prepare = CommandRun.of("prepare", "--alf", alf.toString(), "--out", data.toString());
        assertEquals(0, prepare.status(), prepare.err());
        try (Stream<Path> dirs = Files.list(data)) {
            sessions = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(3, sessions.size(), sessions.toString());
        experiment = Files.writeString(root.resolve("tiny.conf"), """
                include "base.conf"
                model {
                  preset = tiny
                  presets.tiny { hidden = 32, layers = 1, heads = 2, mlp = 64 }
                  dropout = 0
                  embed-dropout = 0
                }
                train { epochs = 2, lr = 3e-3, batch-size = 16, held-out-sessions = ["%s"] }
                eval.batch-size = 64
                """.formatted(sessions.get(2)));
        Files.writeString(root.resolve("base.conf"), "data.path = \"" + data + "\"\n");
    }

    @Test
    @Order(1)
    void trainWritesACompleteRunDirectory() throws IOException {
        Path run = root.resolve("run");
        CommandRun train = CommandRun.of("train", "--config", experiment.toString(), "--out", run.toString());
        assertEquals(0, train.status(), train.err());
        for (String file : List.of("resolved.conf", "sessions.json", "metrics.csv", "run.json", "train.log",
                "checkpoints/latest.zip", "checkpoints/best.zip", "checkpoints/best-spikes.zip", "checkpoints/best-choice.zip")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), "missing " + file);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(3, metrics.size(), metrics.toString());
        assertTrue(metrics.get(0).startsWith("epoch,step,lr,seconds,trials_per_s,train_loss,val_loss,train_spikes"), metrics.get(0));
        JsonNode table = JSON.readTree(run.resolve("sessions.json").toFile());
        assertEquals(2, table.size(), "the held-out session stays out of pre-training");
        assertTrue(Files.readString(run.resolve("resolved.conf")).contains("presets"));
        assertEquals("42", JSON.readTree(run.resolve("run.json").toFile()).get("seed").asText());
    }

    @Test
    @Order(2)
    void resumeContinuesFromTheLatestCheckpoint() throws IOException {
        Path run = root.resolve("run");
        CommandRun resume = CommandRun.of("train", "--resume", run.toString(), "--set", "train.epochs=3");
        assertEquals(0, resume.status(), resume.err());
        assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size());
    }

    @Test
    @Order(3)
    void evalWritesTheThreeReportsWithModelAndBaselineNumbers() throws IOException {
        Path run = root.resolve("run");
        CommandRun eval = CommandRun.of("eval", "--run", run.toString(), "--mask", "self-modality");
        assertEquals(0, eval.status(), eval.err());
        Path report = run.resolve("report");
        for (String file : List.of("report.json", "report.txt", "report.html")) {
            assertTrue(Files.size(report.resolve(file)) > 0, file);
        }
        assertTrue(java.util.regex.Pattern.compile("checkpoint_per_task +spikes epoch \\d+, wheel epoch \\d+")
                .matcher(Files.readString(report.resolve("report.txt"))).find(), "each modality names its checkpoint's epoch");
        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertEquals("test", json.get("split").asText());
        for (String key : List.of("spikes.bps", "spikes.poisson_nll")) {
            assertTrue(json.at("/mean/encoding/" + key.replace("/", "~1")).isNumber(), key + " in " + json.get("mean"));
        }
        for (String key : List.of("wheel.r2", "whisker.r2", "choice.accuracy", "block.accuracy")) {
            assertTrue(json.at("/mean/decoding/" + key).isNumber(), key + " in " + json.get("mean"));
            assertTrue(json.at("/baselines/mean/decoding/" + key).isNumber(), "baseline " + key);
        }
        assertTrue(json.at("/mean/self-modality").isObject(), "the extra mask is reported under its name");
        assertEquals(2, json.get("sessions").size());
        assertTrue(Files.readString(report.resolve("report.txt")).contains("config_sha256"));
        String regions = json.at("/provenance/regions").asText();
        assertTrue(regions.startsWith("all (data.regions = [])") && regions.contains("unknown="), regions);
    }

    @Test
    @Order(4)
    void finetuneAddsTheHeldOutSessionAndEvaluatesOnIt() throws IOException {
        Path tuned = root.resolve("tuned");
        CommandRun finetune = CommandRun.of("finetune", "--run", root.resolve("run").toString(), "--data", data.toString(),
                "--sessions", sessions.get(2), "--set", "finetune.epochs=2", "--out", tuned.toString());
        assertEquals(0, finetune.status(), finetune.err());
        assertEquals(3, JSON.readTree(tuned.resolve("sessions.json").toFile()).size());
        CommandRun eval = CommandRun.of("eval", "--run", tuned.toString(), "--out", root.resolve("tuned-report").toString());
        assertEquals(0, eval.status(), eval.err());
        JsonNode json = JSON.readTree(root.resolve("tuned-report/report.json").toFile());
        assertTrue(json.get("sessions").has(sessions.get(2)), json.get("sessions").toString());
    }

    @Test
    @Order(5)
    void ablateTrainsOneModelPerSchemeSetAndWritesTheTable() throws IOException {
        Path out = root.resolve("ablate");
        CommandRun ablate = CommandRun.of("ablate", "--config", experiment.toString(), "--schemes", "encoding,decoding;mixed",
                "--set", "train.epochs=1", "--out", out.toString());
        assertEquals(0, ablate.status(), ablate.err());
        for (String file : List.of("ablation.txt", "ablation.csv", "ablation.html")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertTrue(csv.get(0).startsWith("scheme_set,encoding/spikes.bps"), csv.get(0));
        assertTrue(csv.get(1).startsWith("encoding+decoding,") && csv.get(2).startsWith("mixed,"), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("best,")), "the best per column is marked: " + csv);
        assertTrue(Files.isRegularFile(out.resolve("mixed/report/report.json")), "each set is evaluated in its own run");
    }

    @Test
    @Order(6)
    void anUnknownKeyStopsTrainingNamingItAndTheNearestKey() {
        CommandRun train = CommandRun.of("train", "--config", experiment.toString(), "--set", "train.epoch=3",
                "--out", root.resolve("never").toString());
        assertEquals(2, train.status());
        assertTrue(train.err().contains("train.epoch") && train.err().contains("train.epochs"), train.err());
        assertTrue(!Files.exists(root.resolve("never")), "nothing written for a bad experiment");
    }

    @Test
    @Order(7)
    void theRegionAnalysisOfSessionsWithoutLocationsSaysWhatIsMissing() {
        CommandRun analyze = CommandRun.of("analyze", "regions", "--run", root.resolve("run").toString());
        assertEquals(2, analyze.status(), analyze.out());
        assertTrue(analyze.err().contains("no neuron of the model's sessions in the data has a known region")
                && analyze.err().contains("neds synth --regions"), analyze.err());
        assertTrue(!Files.exists(root.resolve("run").resolve("report").resolve("regions.html")), "nothing written");
    }
}
