package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart contract on the built-in synthetic data (3 sessions, about 500 training trials):
 * validation loss falls for every modality, choice is decoded above chance and wheel speed with
 * R² > 0 on the test split. About 8 minutes on two cores, so opt-in: {@code -Dgroups=slow}.
 */
@Tag("slow")
class QuickstartConvergenceTest {

    @Test
    void theSmallPresetLearnsEveryModalityOnSyntheticSessions(@TempDir Path root) throws IOException {
        Path alf = root.resolve("alf");
        Path data = root.resolve("data");
        Path run = root.resolve("run");
        assertEquals(0, CommandRun.of("synth", "--out", alf.toString()).status());
        assertEquals(0, CommandRun.of("prepare", "--alf", alf.toString(), "--out", data.toString()).status());
        CommandRun train = CommandRun.of("train", "--config", "src/dist/conf/quickstart.conf", "--set",
                "data.path=\"" + data + "\"", "--out", run.toString());
        assertEquals(0, train.status(), train.err());

        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = Arrays.asList(rows.get(0).split(","));
        // each modality is reported from the checkpoint of its own best validation loss, so that best is what
        // must lie below the first epoch's (a one-token head may overfit long before the run ends)
        for (String m : List.of("spikes", "wheel", "whisker", "choice", "block")) {
            int column = header.indexOf("val_" + m);
            double start = Double.parseDouble(rows.get(1).split(",")[column]);
            double best = rows.subList(1, rows.size()).stream().mapToDouble(r -> Double.parseDouble(r.split(",")[column]))
                    .min().orElseThrow();
            assertTrue(best < start, "validation loss of " + m + " never fell below its first epoch's: " + start
                    + ", best " + best);
        }

        assertEquals(0, CommandRun.of("eval", "--run", run.toString()).status());
        JsonNode mean = new ObjectMapper().readTree(run.resolve("report/report.json").toFile()).get("mean");
        double choice = mean.at("/decoding/choice.accuracy").asDouble();
        double wheel = mean.at("/decoding/wheel.r2").asDouble();
        assertTrue(choice > 0.6, "choice accuracy " + choice + " is not above chance (0.5)");
        assertTrue(wheel > 0, "wheel speed R² " + wheel);
    }
}
