package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ModelStore;
import org.nedsj.model.NedsModel;
import org.nedsj.model.Parameter;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.run.LossTally;
import org.nedsj.trainer.run.RunDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class TrainerTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    /** Every float the same: INDArray's equals allows 1e-5. */
    private static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertArrayEquals(expected.dup().data().asFloat(), actual.dup().data().asFloat(), 0f, what);
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(1, 40, 9, 14);
        TrainingOptions four = TrainerFixture.options(4, 3e-3);

        NedsModel straight = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3);
        RunDirectory a = RunDirectory.create(dir.resolve("a"));
        TrainerFixture.trainer(straight, data, TrainerFixture.adam(four), TrainerState.start(), four, a, QUIET).run();

        // the same run, stopped after epoch 2 (a budget of 2 epochs would change the schedule, so stop it by exception)
        RunDirectory b = RunDirectory.create(dir.resolve("b"));
        trainUntilKilledAfterEpochTwo(data, four, b);

        // the same checkpoint in the per-parameter layout written before the parameter store (format 1)
        RunDirectory c = RunDirectory.create(dir.resolve("c"));
        Files.copy(b.metrics(), c.metrics(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FormatOneCheckpoint.rewrite(b.latestCheckpoint(), c.latestCheckpoint());

        for (RunDirectory run : List.of(b, c)) {
            Checkpoints.Restored restored = Checkpoints.load(run.latestCheckpoint(), TrainerFixture.CODECS);
            assertEquals(2, restored.state().epoch());
            TrainerFixture.trainer(restored.model(), data, restored.optimizer(four), restored.state(), four, run, QUIET).run();

            NedsModel resumed = Checkpoints.load(run.latestCheckpoint(), TrainerFixture.CODECS).model();
            for (Parameter p : straight.parameters()) {
                assertBitIdentical(straight.parameter(p.name()), resumed.parameter(p.name()), p.name() + " differs after resume");
            }
            assertEquals(Files.readAllLines(a.metrics()).size(), Files.readAllLines(run.metrics()).size());
        }
    }

    @Test
    void withAWeightAverageTheRunValidatesAndKeepsTheAverageAndAResumedRunContinuesItExactly(@TempDir Path dir)
            throws IOException {
        ToyData data = new ToyData(1, 40, 9, 14);
        TrainingOptions four = TrainerFixture.options(4, 3e-3).withAverageEpochs(1);

        NedsModel straight = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3);
        RunDirectory a = RunDirectory.create(dir.resolve("a"));
        TrainerFixture.trainer(straight, data, TrainerFixture.adam(four), TrainerState.start(), four, a, QUIET).run();
        Checkpoints.Restored end = Checkpoints.load(a.latestCheckpoint(), TrainerFixture.CODECS);
        INDArray average = end.model().store().values();
        INDArray stepped = end.steppedWeights().orElseThrow();
        assertEquals(straight.store().values(), average, "the trained model in memory is the average");
        assertTrue(stepped.sub(average).norm2Number().doubleValue() > 1e-4, "the average is not the stepped weights");

        // what metrics.csv recorded for the last epoch is the loss of the checkpoint's (averaged) model
        List<String> rows = Files.readAllLines(a.metrics());
        int column = List.of(rows.get(0).split(",")).indexOf("val_loss");
        double recorded = Double.parseDouble(rows.get(rows.size() - 1).split(",")[column]);
        double averaged = TrainerFixture.trainer(end.model(), data, end.optimizer(four), end.state(), four,
                RunDirectory.create(dir.resolve("check")), QUIET).validate().total();
        assertEquals(recorded, averaged, 1e-5 * Math.abs(recorded));

        RunDirectory b = RunDirectory.create(dir.resolve("b"));
        trainUntilKilledAfterEpochTwo(data, four, b);
        Checkpoints.Restored restored = Checkpoints.load(b.latestCheckpoint(), TrainerFixture.CODECS);
        TrainerFixture.trainer(restored.model(), data, restored.optimizer(four), restored.state(), four, b, QUIET)
                .continuingSteppedWeights(restored.steppedWeights().orElseThrow()).run();
        Checkpoints.Restored resumed = Checkpoints.load(b.latestCheckpoint(), TrainerFixture.CODECS);
        assertBitIdentical(average, resumed.model().store().values(), "the average differs after resume");
        assertBitIdentical(stepped, resumed.steppedWeights().orElseThrow(), "the stepped weights differ after resume");

        // one trainer run twice, as a sweep's rungs could: the second run goes on with the first one's average
        RunDirectory c = RunDirectory.create(dir.resolve("c"));
        NedsModel twice = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3);
        Trainer trainer = TrainerFixture.trainer(twice, data, TrainerFixture.adam(four), TrainerState.start(), four, c, QUIET);
        trainer.stopAfterEpoch(2).run();
        trainer.stopAfterEpoch(Integer.MAX_VALUE).run();
        assertBitIdentical(average, twice.store().values(), "the average differs after a second run");
        assertBitIdentical(stepped, Checkpoints.load(c.latestCheckpoint(), TrainerFixture.CODECS).steppedWeights().orElseThrow(),
                "the stepped weights differ after a second run");
    }

    /** The run of {@code options} from a fresh tiny model, stopped by an exception when its second epoch's line is printed. */
    @Test
    void keepingTheLastEpochTheRunsModelIsItsLastWeightsAndNoModalityHasACheckpointOfItsOwn(@TempDir Path dir)
            throws IOException {
        ToyData data = new ToyData(1, 40, 9, 14);
        TrainingOptions byValidation = TrainerFixture.options(4, 3e-3).withAverageEpochs(1);
        RunDirectory validated = RunDirectory.create(dir.resolve("validated"));
        TrainerFixture.trainer(TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3), data,
                TrainerFixture.adam(byValidation), TrainerState.start(), byValidation, validated, QUIET).run();
        assertFalse(modalityCheckpoints(validated).isEmpty(), "selected by validation, each modality keeps its own best");

        TrainingOptions last = byValidation.keepingLast();
        RunDirectory run = RunDirectory.create(dir.resolve("last"));
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3);
        AdamW adam = TrainerFixture.adam(last);
        TrainerState paused = TrainerFixture.trainer(model, data, adam, TrainerState.start(), last, run, QUIET)
                .stopAfterEpoch(2).run();
        assertEquals(2, paused.epoch());
        assertFalse(Files.exists(run.bestCheckpoint()), "a paused run has no model yet; evaluation reads latest.zip");
        TrainerState end = TrainerFixture.trainer(model, data, adam, paused, last, run, QUIET).run();
        assertEquals(4, end.epoch());
        assertEquals(List.of(), modalityCheckpoints(run));
        Checkpoints.Restored best = Checkpoints.load(run.bestCheckpoint(), TrainerFixture.CODECS);
        assertEquals(4, best.state().epoch());
        assertBitIdentical(Checkpoints.load(run.latestCheckpoint(), TrainerFixture.CODECS).model().store().values(),
                best.model().store().values(), "best.zip is not the last epoch's (averaged) model");
        assertTrue(Trainer.doneLine(end, last, run.checkpoints()).contains("best.zip holds the last epoch's weights (epoch 4"));
    }

    private static List<Path> modalityCheckpoints(RunDirectory run) throws IOException {
        try (var files = Files.list(run.checkpoints())) {
            return files.filter(f -> f.getFileName().toString().matches("best-.+\\.zip")).toList();
        }
    }

    private static void trainUntilKilledAfterEpochTwo(ToyData data, TrainingOptions options, RunDirectory run) {
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3);
        Trainer interrupted = TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options,
                run, new PrintStream(new ByteArrayOutputStream()) {
                    int epochs;

                    @Override
                    public void println(String line) {
                        if (line.contains("  val ") && ++epochs == 2) {
                            throw new IllegalStateException("killed after epoch 2");
                        }
                    }
                });
        assertThrows(IllegalStateException.class, interrupted::run);
    }

    @Test
    void aNonFiniteInputStopsTheRunNamingTrialSessionStepAndModalityAndKeepsTheLastCheckpoint(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(2, 40, 8);
        TrainingOptions options = TrainerFixture.options(3, 1e-3);
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.0), 1);
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options.withEpochs(1), run,
                QUIET).run();
        byte[] before = Files.readAllBytes(run.latestCheckpoint());

        for (int t = 0; t < 28; t++) {
            data.corruptWheel(0, t, Float.NaN);
        }
        Trainer trainer = TrainerFixture.trainer(model, data, TrainerFixture.adam(options),
                Checkpoints.load(run.latestCheckpoint(), TrainerFixture.CODECS).state(), options, run, QUIET);
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, trainer::run);
        assertTrue(e.getMessage().contains("wheel") && e.getMessage().contains("NaN"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s)the wheel values of trial \\d+ of session toy0 hold NaN \\(step \\d+, epoch 2, batch \\d+\\).*"),
                e.getMessage());
        assertTrue(e.getMessage().contains(run.latestCheckpoint().toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(run.latestCheckpoint()));
    }

    @Test
    void aLossThatOverflowsStopsTheRunNamingItsModality(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(2, 40, 8);
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.0), 1);
        model.parameter("spikes/stitch_out_b").assign(200);   // exp(200) overflows float: the Poisson loss becomes infinite
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        TrainingOptions options = TrainerFixture.options(1, 1e-3);
        Trainer trainer = TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options, run,
                QUIET, TrainerFixture.fixedPlan());
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, trainer::run);
        // exp(200) is infinite in float; infinity times the zero weight of an unscored entry makes the mean NaN
        assertTrue(e.getMessage().matches("(?s)the spikes loss became (NaN|Infinity) at step 1 \\(epoch 1, batch 1: 8 trials of \\[toy0]\\).*"),
                e.getMessage());
    }

    @Test
    void aCheckpointWriteThatFailsLeavesThePreviousCheckpointIntact(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(3, 20, 6);
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.0), 1);
        Path file = dir.resolve("latest.zip");
        Checkpoints.save(file, model, TrainerFixture.adam(TrainerFixture.options(1, 1e-3)), TrainerState.start());
        byte[] before = Files.readAllBytes(file);

        INDArray broken = mock(INDArray.class);
        when(broken.dataType()).thenThrow(new IllegalStateException("disk full"));
        assertThrows(RuntimeException.class, () -> ModelStore.save(model, java.util.Map.of("m/x", broken), file));

        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "a temporary file was left behind");
        }
        assertNotNull(Checkpoints.load(file, TrainerFixture.CODECS).model());
    }

    @Test
    void withACapOnStepsEachEpochTakesThatManySteps(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(1, 40, 9, 14);
        List<Long> full = stepsAfterEachEpoch(data, TrainerFixture.options(2, 3e-3), dir.resolve("full"));
        assertTrue(full.get(0) > 3, "the toy data's epoch must have more than 3 batches: " + full);
        assertEquals(2 * full.get(0), full.get(1));
        TrainingOptions capped = new TrainingOptions(7, 2, 8, "per-session", 3e-3, 0.1, 0.1, 0.0, 0.01, 0.9, 0.999, 1e-8,
                1.0, 100, 0.0, 3, 0.5);
        assertEquals(List.of(3L, 6L), stepsAfterEachEpoch(data, capped, dir.resolve("capped")));
    }

    /** metrics.csv's step column after each epoch of a fresh tiny model trained with {@code options}. */
    private static List<Long> stepsAfterEachEpoch(ToyData data, TrainingOptions options, Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        TrainerFixture.trainer(TrainerFixture.model(data, TrainerFixture.tinyConfig(0.1), 3), data,
                TrainerFixture.adam(options), TrainerState.start(), options, run, QUIET).run();
        List<String> rows = Files.readAllLines(run.metrics());
        int column = List.of(rows.get(0).split(",")).indexOf("step");
        return rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.split(",")[column])).toList();
    }

    @Test
    void aTinyModelOverfitsAFewTrialsAndEveryLossFalls(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(4, 12, 10);
        TrainingOptions options = TrainerFixture.options(120, 1e-2);
        NedsModel model = TrainerFixture.model(data, new org.nedsj.model.ModelConfig(32, 2, 2, 64, "layer", 0, 0, true,
                10000, 0, 1e-5, org.nd4j.linalg.api.buffer.DataType.FLOAT), 5);
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        Trainer trainer = TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options,
                run, QUIET, TrainerFixture.fixedPlan());
        LossTally before = trainer.trainLoss();
        trainer.run();
        LossTally after = trainer.trainLoss();
        for (String m : before.modalities()) {
            // hidden spike counts are learnt by heart: below even the loss of the rates that generated them
            double reference = m.equals("spikes") ? data.trueRateLoss(0, 0.7) : 0.5 * before.modality(m);
            assertTrue(after.modality(m) < reference, m + ": " + before.modality(m) + " -> " + after.modality(m)
                    + " (must fall below " + reference + ")");
        }
    }

    @Test
    void eachModalityIsValidatedUnderItsOwnTaskAndTheTotalIsTheirSum(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(2, 40, 8);
        TrainingOptions options = TrainerFixture.options(2, 1e-3);
        NedsModel model = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.0), 3);
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        TaskValidation tasks = TaskValidation.of(model.modalities(), TrainerFixture::scheme);
        Trainer trainer = TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options,
                run, QUIET, TrainerFixture.mixed(), tasks);
        trainer.run();

        LossTally byTask = trainer.validate();
        LossTally encoding = validationUnder("encoding", model, data, options, dir);
        LossTally decoding = validationUnder("decoding", model, data, options, dir);
        LossTally mixed = validationUnder("mixed", model, data, options, dir);
        assertEquals(encoding.modality("spikes"), byTask.modality("spikes"), 1e-12);
        for (String behaviour : List.of("wheel", "whisker", "choice", "block")) {
            assertEquals(decoding.modality(behaviour), byTask.modality(behaviour), 1e-12, behaviour);
        }
        assertNotEquals(mixed.modality("choice"), byTask.modality("choice"), 1e-9);
        assertEquals(encoding.modality("spikes") + decoding.modality("wheel") + decoding.modality("whisker")
                + decoding.modality("choice") + decoding.modality("block"), byTask.total(), 1e-9);

        List<String> csv = Files.readAllLines(run.metrics());
        List<String> header = List.of(csv.get(0).split(","));
        String[] last = csv.get(csv.size() - 1).split(",");
        assertEquals(byTask.modality("choice"), Double.parseDouble(last[header.indexOf("val_choice")]), 1e-4);
    }

    private static LossTally validationUnder(String scheme, NedsModel model, ToyData data, TrainingOptions options, Path dir)
            throws IOException {
        return TrainerFixture.trainer(model, data, TrainerFixture.adam(options), TrainerState.start(), options,
                RunDirectory.create(dir.resolve(scheme)), QUIET, TrainerFixture.scheme(scheme)).validate();
    }
}
