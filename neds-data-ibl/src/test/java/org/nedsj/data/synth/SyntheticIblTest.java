package org.nedsj.data.synth;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.align.DropReason;
import org.nedsj.prep.align.SessionSummary;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.store.PrepareResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticIblTest {

    static final SyntheticIbl.Options SMALL = new SyntheticIbl.Options(3, 120, 11, 100, 140);

    @TempDir
    static Path root;
    static List<Path> sessions;
    static PrepareResult prepared;

    @BeforeAll
    static void writeAndPrepare() {
        sessions = SyntheticIbl.write(root.resolve("alf"), SMALL);
        prepared = new DatasetPreparer(ConfigFactory.empty()).prepare(root.resolve("alf"), root.resolve("data"), s -> { });
    }

    @Test
    void defaultsAreThreeSessionsOfAbout250TrialsWith200To800Neurons() {
        SyntheticIbl.Options d = SyntheticIbl.Options.defaults();
        assertEquals(new SyntheticIbl.Options(3, 250, 42, 200, 800), d);
        List<SessionSpec> plan = SyntheticIbl.plan(d);
        assertEquals(3, plan.size());
        assertEquals(List.of(SessionLayout.ATTRIBUTE_FILES, SessionLayout.TASK_TABLE, SessionLayout.REVISION),
                plan.stream().map(SessionSpec::layout).toList());
        assertEquals(2, plan.get(0).probes());
        for (SessionSpec s : plan) {
            assertTrue(s.trials() >= 225 && s.trials() <= 275, "trials " + s.trials());
            assertTrue(s.neurons() >= 200 && s.neurons() <= 800, "neurons " + s.neurons());
        }
    }

    @Test
    void writesEachLayoutsFilesWithIblTypes() {
        Path first = sessions.get(0).resolve("alf");
        assertTrue(Files.isRegularFile(first.resolve("_ibl_trials.stimOn_times.npy")));
        NpyArray clusters = NpyReader.read(first.resolve("probe00/iblsorter/spikes.clusters.npy"));
        assertEquals(NpyDtype.U4, clusters.dtype());
        assertTrue(Files.isRegularFile(first.resolve("probe01/pykilosort/spikes.times.npy")), "two probes");
        long times = NpyReader.read(first.resolve("_ibl_rightCamera.times.npy")).size();
        long frames = NpyReader.read(first.resolve("rightCamera.ROIMotionEnergy.npy")).size();
        assertEquals(frames + 3, times, "more timestamps than frames");
        assertTrue(Files.isRegularFile(first.resolve("_ibl_leftCamera.times.npy")));

        Path second = sessions.get(1).resolve("alf");
        assertTrue(Files.isRegularFile(second.resolve("task_00/_ibl_trials.table.pqt")));
        assertTrue(Files.isRegularFile(second.resolve("task_00/_ibl_wheel.position.npy")));
        try (var s = Files.list(second.resolve("probe00"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().matches("spikes\\.times\\.[0-9a-f-]{36}\\.npy")), "UUID names");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(Files.isRegularFile(sessions.get(2).resolve("alf/probe00/pykilosort/#2024-05-06#/spikes.times.npy")));
    }

    @Test
    void spikeTimesAreSortedAndSampledAt30kHz() {
        NpyArray t = NpyReader.read(sessions.get(0).resolve("alf/probe00/iblsorter/spikes.times.npy"));
        for (long i = 1; i < t.size(); i++) {
            assertTrue(t.getDouble(i) >= t.getDouble(i - 1), "sorted at " + i);
        }
        double ticks = t.getDouble(t.size() / 2) * 30000;
        assertEquals(Math.round(ticks), ticks, 1e-6);
    }

    @Test
    void sameSeedSameFiles() throws IOException {
        SessionSpec spec = SyntheticIbl.plan(SMALL).get(1);
        Path again = SyntheticSessionWriter.write(root.resolve("again"), spec);
        Path original = sessions.get(1);
        try (var files = Files.walk(original)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".npy")).toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again.resolve(original.relativize(f))), f.toString());
            }
        }
    }

    @Test
    void theFiltersHaveWorkToDo() {
        assertEquals(3, prepared.sessions().size());
        int noGo = 0;
        int missing = 0;
        int reaction = 0;
        for (var o : prepared.sessions()) {
            SessionSummary s = o.summary();
            noGo += s.dropped(DropReason.NO_GO.key());
            missing += s.dropped(DropReason.MISSING_EVENT.key());
            reaction += s.dropped(DropReason.REACTION_TIME.key());
            assertTrue(s.unitsBelowRate() > 0 && s.unitsKept() > 20, "the 5 Hz filter keeps some units and drops others");
        }
        assertTrue(noGo > 0 && missing > 0 && reaction > 0, "no-go " + noGo + ", missing " + missing + ", reaction " + reaction);
        assertEquals(1, prepared.sessions().get(0).summary().cameraTrimmed() > 0 ? 1 : 0);
        assertEquals(1, prepared.sessions().get(1).summary().dropped(DropReason.WHEEL_COVERAGE.key()), "the wheel starts late");
        assertEquals(1, prepared.sessions().get(2).summary().dropped(DropReason.WHISKER_COVERAGE.key()), "the camera starts late");
        assertEquals(List.of("alf/probe00/iblsorter", "alf/probe01/pykilosort"), prepared.sessions().get(0).summary().probes());
        assertEquals(List.of("alf/probe00/pykilosort"), prepared.sessions().get(2).summary().probes());
    }
}
