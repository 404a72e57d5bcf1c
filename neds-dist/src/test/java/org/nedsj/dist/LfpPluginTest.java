package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LFP band power as the distribution ships it: the neds-lfp jar in a plugin folder (target/plugins/lfp, what the
 * assembly copies into plugins/), not on the class path. Synthetic sessions get synthetic LFP (one .lf.cbin, one
 * .lf.bin) from the plugin's own writer; a tiny model trains with LFP as a neural modality and is evaluated on it.
 */
class LfpPluginTest {

    private static final Path PLUGINS = Path.of("target/plugins").toAbsolutePath();

    @TempDir
    Path tmp;

    private static Properties pluginDir() {
        Properties p = new Properties();
        p.setProperty("neds.plugins.dir", PLUGINS.toString());
        return p;
    }

    /** The plugin's synthetic LFP writer, loaded from the plugin folder as the launcher's class path would. */
    @SuppressWarnings("unchecked")
    private static List<String> writeSyntheticLfp(Path alf) throws Exception {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(PLUGINS.resolve("lfp"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                jars.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), LfpPluginTest.class.getClassLoader())) {
            Class<?> writer = Class.forName("org.nedsj.lfp.SyntheticLfp", true, loader);
            return (List<String>) writer.getMethod("writeAll", Path.class, String.class, long.class).invoke(null, alf, "both", 5L);
        }
    }

    @Test
    void theLfpPluginIsNotOnTheClassPath() {
        assertFalse(Files.exists(Path.of("target/classes/org/nedsj/lfp")));
        CommandRun plugins = CommandRun.of(pluginDir(), "plugins");
        assertEquals(0, plugins.status(), plugins.err());
        assertTrue(plugins.out().contains("prepared-lfp") && plugins.out().contains("lfp-stitched") && plugins.out().contains("lfp-mse"),
                plugins.out());
        assertTrue(plugins.out().contains("neds-lfp-0.1.0.jar"), plugins.out());
    }

    @Test
    void aTinyModelTrainsWithLfpFromThePluginFolderAndIsScoredOnIt() throws Exception {
        Path alf = tmp.resolve("alf");
        Path data = tmp.resolve("data");
        assertEquals(0, CommandRun.of("synth", "--out", alf.toString(), "--sessions", "2", "--trials", "30", "--seed", "4").status());
        assertEquals(0, CommandRun.of("prepare", "--alf", alf.toString(), "--out", data.toString()).status());
        List<String> written = writeSyntheticLfp(alf);
        assertTrue(written.get(0).contains(".lf.cbin") && written.get(1).contains(".lf.bin"), written.toString());

        Path experiment = Files.writeString(tmp.resolve("tiny.conf"), TinyWorld.config(data, 1) + """
                data { source = prepared-lfp, lfp.channels.step = 8 }
                """);
        Path run = tmp.resolve("run");
        CommandRun train = CommandRun.of(pluginDir(), "train", "--config", experiment.toString(), "--out", run.toString());
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

        CommandRun eval = CommandRun.of(pluginDir(), "eval", "--run", run.toString(), "--out", tmp.resolve("report").toString());
        assertEquals(0, eval.status(), eval.err());
        JsonNode report = new ObjectMapper().readTree(Files.readString(tmp.resolve("report/report.json")));
        assertTrue(Double.isFinite(report.at("/mean/encoding/lfp.r2").asDouble(Double.NaN)), report.toString());
        assertTrue(Double.isFinite(report.at("/baselines/mean/encoding/lfp.r2").asDouble(Double.NaN)), report.toString());
        assertTrue(report.at("/mean/decoding/lfp.r2").isMissingNode(), "LFP is neural: visible, not scored, when decoding");
    }
}
