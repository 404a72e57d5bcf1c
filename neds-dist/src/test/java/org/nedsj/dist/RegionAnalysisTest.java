package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neds analyze regions} on synthetic sessions with planted regions (synth --regions → prepare →
 * train → analyze): the trained model's embeddings tell each neuron's region across sessions well above
 * chance. The untrained case is {@code RegionEmbeddingsTest} in neds-trainer. The README's figures come
 * from the same sessions and recipe (quickstart's small model, 6 epochs). About 2 minutes on two quiet cores,
 * so opt-in: {@code -Dgroups=slow}.
 */
@Tag("slow")
class RegionAnalysisTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTrainedModelsEmbeddingsTellThePlantedRegions(@TempDir Path root) throws IOException {
        Path alf = root.resolve("alf");
        Path data = root.resolve("data");
        Path run = root.resolve("run");
        CommandRun synth = CommandRun.of("synth", "--out", alf.toString(), "--sessions", "4", "--trials", "200", "--seed", "7", "--regions");
        assertEquals(0, synth.status(), synth.err());
        CommandRun prepare = CommandRun.of("prepare", "--alf", alf.toString(), "--out", data.toString());
        assertEquals(0, prepare.status(), prepare.err());
        Path experiment = Files.writeString(root.resolve("small.conf"), """
                data.path = "%s"
                model { preset = small, dropout = 0.1, embed-dropout = 0.1 }
                train { mode = mm, epochs = 6, lr = 1e-3 }
                """.formatted(data));
        CommandRun train = CommandRun.of("train", "--config", experiment.toString(), "--out", run.toString());
        assertEquals(0, train.status(), train.err());

        CommandRun analyze = CommandRun.of("analyze", "regions", "--run", run.toString());
        assertEquals(0, analyze.status(), analyze.err());
        JsonNode json = JSON.readTree(run.resolve("report").resolve("regions.json").toFile());
        JsonNode both = json.get("scores").get(2);
        assertEquals("input+output embedding", both.get("features").asText());
        assertEquals(4, both.get("folds").asInt());
        double balanced = both.get("balanced_accuracy").asDouble();
        assertTrue(balanced > both.get("chance_balanced_accuracy").asDouble() + 0.25, "balanced accuracy " + balanced + " in " + json);
        assertTrue(both.get("accuracy").asDouble() > both.get("chance_accuracy").asDouble() + 0.25, json.toString());
        assertTrue(Files.readString(run.resolve("report").resolve("regions.html")).contains("<svg"));
    }
}
