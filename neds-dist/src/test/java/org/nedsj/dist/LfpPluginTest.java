package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LFP band power as the distribution ships it: the neds-lfp jar in a plugin folder (target/plugins/lfp, what the
 * assembly copies into plugins/), not on the class path. {@code neds synth --with lfp} adds the plugin's synthetic
 * LFP (one .lf.cbin, one .lf.bin); a tiny model trains with LFP as a neural modality and is evaluated on it.
 */
class LfpPluginTest {

    private static final Path PLUGINS = Path.of("target/plugins").toAbsolutePath();

    @TempDir
    Path tmp;


    @Test
    void theLfpPluginIsNotOnTheClassPath() {
        assertFalse(Files.exists(Path.of("target/classes/org/nedsj/lfp")));
        CommandRun plugins = CommandRun.withPlugins(PLUGINS, "plugins");
        assertEquals(0, plugins.status(), plugins.err());
        assertTrue(plugins.out().contains("prepared-lfp") && plugins.out().contains("lfp-stitched") && plugins.out().contains("lfp-mse"),
                plugins.out());
        assertTrue(plugins.out().contains("neds-lfp-0.1.0.jar"), plugins.out());
    }

    @Test
    void synthWithRecordingsNoPluginOffersStopsBeforeWritingAnything() {
        CommandRun synth = CommandRun.withPlugins(PLUGINS, "synth", "--out", tmp.resolve("alf").toString(), "--sessions", "1",
                "--with", "eeg");
        assertEquals(2, synth.status(), synth.out());
        assertEquals("neds synth: --with eeg: no plugin synthesises recordings of that name; offered: [lfp] (is its plugin in the "
                + "plugin folder? neds plugins lists what was found)", synth.err().strip());
        assertFalse(Files.exists(tmp.resolve("alf")));
    }

    @Test
    void aTinyModelTrainsWithLfpFromThePluginFolderAndIsScoredOnIt() throws Exception {
        Path alf = tmp.resolve("alf");
        Path data = tmp.resolve("data");
        CommandRun synth = CommandRun.withPlugins(PLUGINS, "synth", "--out", alf.toString(), "--sessions", "2", "--trials", "30",
                "--seed", "4", "--with", "lfp");
        assertEquals(0, synth.status(), synth.err());
        assertTrue(synth.out().contains("probe00/_spikeglx_ephysData_g0_t0.imec0.lf.cbin: 16 LFP channels + sync at 2500 Hz")
                && synth.out().contains("probe00/_spikeglx_ephysData_g0_t0.imec0.lf.bin: 16 LFP channels + sync at 2500 Hz"), synth.out());
        assertEquals(0, CommandRun.of("prepare", "--alf", alf.toString(), "--out", data.toString()).status());

        Path experiment = Files.writeString(tmp.resolve("tiny.conf"), TinyWorld.config(data, 1) + """
                data { source = prepared-lfp, lfp.channels.step = 8 }
                """);
        Path run = tmp.resolve("run");
        CommandRun train = CommandRun.withPlugins(PLUGINS, "train", "--config", experiment.toString(), "--out", run.toString());
        assertEquals(0, train.status(), train.err());
        try (Stream<Path> features = Files.list(data.resolve("lfp"))) {
            assertEquals(4, features.count(), "a .npy and a .json per session in DATA/lfp");
        }

        JsonNode description;
        try (ZipFile zip = new ZipFile(run.resolve("checkpoints/latest.zip").toFile())) {
            description = new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("model.json")));
        }
        List<String> names = new ArrayList<>();
        description.get("layout").forEach(p -> names.add(p.get("name").asText()));
        assertTrue(names.containsAll(List.of("lfp/stitch_w", "lfp/stitch_b", "lfp/readout_w", "lfp/readout_b")), names.toString());

        CommandRun eval = CommandRun.withPlugins(PLUGINS, "eval", "--run", run.toString(), "--out", tmp.resolve("report").toString());
        assertEquals(0, eval.status(), eval.err());
        JsonNode report = new ObjectMapper().readTree(Files.readString(tmp.resolve("report/report.json")));
        assertTrue(Double.isFinite(report.at("/mean/encoding/lfp.r2").asDouble(Double.NaN)), report.toString());
        assertTrue(Double.isFinite(report.at("/baselines/mean/encoding/lfp.r2").asDouble(Double.NaN)), report.toString());
        assertTrue(report.at("/mean/decoding/lfp.r2").isMissingNode(), "LFP is neural: visible, not scored, when decoding");
    }
}
