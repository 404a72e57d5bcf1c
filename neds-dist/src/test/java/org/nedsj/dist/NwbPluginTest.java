package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NWB data source as the distribution ships it: the neds-nwb jar and its libraries in a plugin
 * folder (target/plugins/nwb, what the assembly copies into plugins/), not on the class path.
 * inspect, then prepare with the running-task mapping (conf/nwb-running.conf), then train.
 */
class NwbPluginTest {

    private static final Path PLUGINS = Path.of("target/plugins").toAbsolutePath();
    private static final Path RUNNING = Path.of("../neds-nwb/src/test/resources/fixtures/running_task.nwb").toAbsolutePath();
    private static final Path CONF = Path.of("src/dist/conf/nwb-running.conf").toAbsolutePath();

    @TempDir
    Path tmp;


    @Test
    void inspectListsTheTablesAndSeriesAMappingNames() {
        CommandRun run = CommandRun.withPlugins(PLUGINS, "inspect", RUNNING.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("series processing/behavior/running_speed (TimeSeries): 6077 samples float32, unit cm/s, rate 50 Hz"),
                run.out());
        assertTrue(run.out().contains("stimulus                 text     60 rows, values blank (21), grating (20), gray (1), natural (18)"),
                run.out());
        assertTrue(run.out().contains("spike_times              float64  ragged: "), run.out());
        assertTrue(run.out().contains("(read by the nwb data source)"), run.out());
    }

    @Test
    void inspectOfSomethingNoSourceReadsSaysSoInOneLine() throws IOException {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "not a recording\n");
        CommandRun run = CommandRun.withPlugins(PLUGINS, "inspect", notes.toString());
        assertEquals(2, run.status(), run.out());
        assertEquals("neds inspect: " + notes + " is read by no data source ([ibl-alf, nwb] looked): give an NWB file, a folder of "
                + "them, or an ALF/ONE cache root", run.err().strip());
    }

    @Test
    void inspectAndPrepareReachAnAlfCacheThroughTheSameCommands() {
        Path alf = Path.of("../neds-nwb/src/test/resources/fixtures/ibl_like/alf").toAbsolutePath();
        CommandRun inspect = CommandRun.withPlugins(PLUGINS, "inspect", alf.toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(inspect.out().contains("  alf/probe00/spikes.times.npy\n"), inspect.out());
        assertTrue(inspect.out().contains("(read by the ibl-alf data source)"), inspect.out());
        CommandRun prepare = CommandRun.withPlugins(PLUGINS, "prepare", "--in", alf.toString(), "--out", tmp.resolve("DATA").toString());
        assertEquals(0, prepare.status(), prepare.err());
        assertTrue(prepare.out().contains("fixturelab_NWB001_2024-03-01_001: 25 of 30 trials kept"), prepare.out());
    }

    @Test
    void preparesTrainsAndEvaluatesTheRunningTaskFromThePluginFolder() throws IOException {
        Path data = tmp.resolve("DATA");
        CommandRun prepare = CommandRun.withPlugins(PLUGINS, "prepare", "--in", RUNNING.toString(), "--out", data.toString(),
                "--config", CONF.toString());
        assertEquals(0, prepare.status(), prepare.err());
        assertTrue(prepare.out().contains("running_task: 59 of 60 trials kept (dropped: stimulus-value 1), 5 of 10 units"), prepare.out());
        for (String f : new String[]{"spikes.npy", "running.npy", "pupil.npy", "stimulus.npy", "split.npy"}) {
            assertTrue(Files.isRegularFile(data.resolve("running_task").resolve(f)), f);
        }

        Path run = tmp.resolve("RUN");
        CommandRun train = CommandRun.withPlugins(PLUGINS, "train", "--config", CONF.toString(), "--set", "data.source=prepared",
                "--set", "data.path=" + data, "--set", "train.epochs=1", "--set", "model.preset=small", "--out", run.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(Files.readAllLines(run.resolve("metrics.csv")).get(0).contains("train_running,train_stimulus"));
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/best-stimulus.zip")), "a checkpoint per modality");

        CommandRun eval = CommandRun.withPlugins(PLUGINS, "eval", "--run", run.toString());
        assertEquals(0, eval.status(), eval.err());
        String report = Files.readString(run.resolve("report/report.json"));
        for (String metric : new String[]{"running.r2", "pupil.r2", "stimulus.accuracy", "spikes.bps"}) {
            assertTrue(report.contains("\"" + metric + "\""), metric + " in " + report);
        }
    }

    @Test
    void aMappingNamingAMissingColumnStopsWithOneLineNamingItAndWritesNothing() throws IOException {
        Path data = tmp.resolve("DATA");
        Path bad = Files.writeString(tmp.resolve("bad.conf"), "include file(\"" + CONF + "\")\n"
                + "data.nwb.static.stimulus.column = stim_type\n");
        CommandRun prepare = CommandRun.withPlugins(PLUGINS, "prepare", "--in", RUNNING.toString(), "--out", data.toString(),
                "--config", bad.toString());
        assertEquals(2, prepare.status(), prepare.out());
        assertTrue(prepare.err().contains("running_task.nwb has no intervals/trials/stim_type; data.nwb.static.stimulus.column names "
                + "the column 'stim_type'"), prepare.err());
        assertEquals(1, prepare.err().strip().lines().count(), prepare.err());
        assertTrue(!Files.exists(data), "nothing written");
    }
}
