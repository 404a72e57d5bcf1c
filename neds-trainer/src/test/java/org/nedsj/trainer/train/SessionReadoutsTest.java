package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.NedsModel;
import org.nedsj.model.SessionTable;
import org.nedsj.trainer.run.RunDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a finished run, the class heads' session offsets and the spike readouts are fitted in the run's best
 * checkpoints.
 */
class SessionReadoutsTest {

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void aFinishedRunFitsEachBestCheckpointAndAStoppedOneWaits(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(31, 60, 8, 9);
        TrainingOptions options = TrainerFixture.options(3, 3e-3);

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        Trainer partial = trainer(data, options, stopped, QUIET).stopAfterEpoch(1);
        partial.run();
        partial.fitSessionReadouts(TrainerFixture.CODECS);
        assertFalse(Files.exists(stopped.log()) && Files.readString(stopped.log()).contains("readout fitted"),
                "a run stopped before its budget was fitted");

        // block by session: the fitted block readout lowers the validation loss and is kept
        data.blockBySession();
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Trainer trainer = trainer(data, options, run, new PrintStream(console, true, StandardCharsets.UTF_8));
        TrainerState done = trainer.run();
        Checkpoints.Restored before = Checkpoints.load(run.bestCheckpoint(), TrainerFixture.CODECS);
        trainer.fitSessionReadouts(TrainerFixture.CODECS);

        String printed = console.toString(StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(run.log()).stream().filter(l -> l.contains("readout fitted")).toList();
        List<String> all = Files.readAllLines(run.log());
        for (String file : List.of("best.zip", "best-choice.zip", "best-block.zip")) {
            boolean copied = all.stream().anyMatch(l -> l.startsWith(file + ": readouts as fitted in "));
            for (String m : List.of("spikes", "choice", "block")) {
                String prefix = file + ": " + m + " readout fitted per session";
                assertTrue(copied || lines.stream().anyMatch(l -> l.startsWith(prefix)), prefix + " missing from " + all);
                assertTrue(copied || printed.contains(prefix), prefix + " not printed");
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("best.zip: ")), "best.zip is fitted first: " + all);
        Checkpoints.Restored after = Checkpoints.load(run.bestCheckpoint(), TrainerFixture.CODECS);
        assertEquals(before.state().epoch(), after.state().epoch(), "the checkpoint's trainer state is kept");
        assertEquals(before.optimizerState().keySet(), after.optimizerState().keySet(), "the optimiser state is kept");
        for (String m : List.of("choice", "block")) {
            INDArray offsets = after.model().parameter(m + "/session_w");
            boolean kept = lines.stream().anyMatch(l -> l.startsWith("best.zip: " + m) && l.endsWith(": kept"));
            assertEquals(kept, offsets.norm1Number().doubleValue() > 0, m + ": offsets " + offsets + " and " + lines);
            assertEquals(0.0, before.model().parameter(m + "/session_w").norm1Number().doubleValue(), 0.0,
                    m + ": offsets trained before the fit");
        }
        String spikes = lines.stream().filter(l -> l.startsWith("best.zip: spikes")).findFirst().orElseThrow();
        assertTrue(spikes.matches("best\\.zip: spikes readout fitted per session \\(session 0 \\d+ of \\d+ neurons refitted "
                + "\\(1e\\+00: .*\\); session 1 .*\\); validation Poisson NLL \\d\\.\\d{4} with the trained readout, "
                + "\\d\\.\\d{4} fitted: kept"), spikes);
        assertFalse(before.model().parameter("spikes/stitch_out_w").equals(after.model().parameter("spikes/stitch_out_w")),
                "the spike readout refitted");
        for (var p : before.model().parameters()) {
            if (!p.name().endsWith("/session_w") && !p.name().endsWith("/session_b") && !p.name().startsWith("spikes/stitch_out")) {
                assertEquals(before.model().parameter(p.name()), after.model().parameter(p.name()), p.name() + " changed");
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("best.zip: block") && l.endsWith(": kept")), lines.toString());
        assertTrue(done.epoch() == 3 || done.stale() >= options.patience());
    }

    private static Trainer trainer(ToyData data, TrainingOptions options, RunDirectory run, PrintStream out) {
        NedsModel model = NedsModel.create(TrainerFixture.tinyConfig(0.0),
                TrainerFixture.bindings(data.modalities(), "fit-session-offsets = true", "fit-session-readout = true"),
                new SessionTable(data.sessions()), 5);
        var scheme = TrainerFixture.mixed();
        return TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options, run, out,
                scheme, TaskValidation.of(model.modalities(), TrainerFixture::scheme));
    }
}
