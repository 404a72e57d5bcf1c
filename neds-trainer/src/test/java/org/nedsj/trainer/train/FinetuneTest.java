package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.model.Parameter;
import org.nedsj.model.SessionTable;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.run.RunDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NEDS recipe for a new session: a pre-trained backbone beats a random one with the same new stitchers. */
class FinetuneTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void fineTuningAPretrainedModelBeatsTrainingTheStitcherOnARandomBackbone(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(21, 100, 12, 16, 14);
        List<SessionInfo> pretraining = data.sessions().subList(0, 2);
        SessionInfo held = data.sessions().get(2);
        ModelConfig config = new ModelConfig(32, 2, 2, 64, "layer", 0.0, 0.0, true, 10000, 0, 1e-5,
                org.nd4j.linalg.api.buffer.DataType.FLOAT);

        NedsModel pretrained = NedsModel.create(config, TrainerFixture.bindings(data.modalities()),
                new SessionTable(pretraining), 3);
        TrainingOptions pre = TrainerFixture.options(30, 3e-3);
        train(pretrained, pretrained.sessions().sessions(), data, TrainerFixture.adam(pre), n -> true, pre,
                dir.resolve("pretrain"));

        TrainingOptions tune = TrainerFixture.options(15, 3e-3);
        double fromPretrained = finetune(pretrained.withSessions(List.of(held)), held, data, tune, dir.resolve("tuned"));
        NedsModel random = NedsModel.create(config, TrainerFixture.bindings(data.modalities()), new SessionTable(pretraining), 3)
                .withSessions(List.of(held));
        double fromRandom = finetune(random, held, data, tune, dir.resolve("random"));

        assertTrue(fromPretrained < fromRandom, "validation loss on the new session: fine-tuned " + fromPretrained
                + ", random backbone " + fromRandom);
    }

    @Test
    void aFrozenBackboneKeepsEveryWeightButTheNewSessionsRows(@TempDir Path dir) throws IOException {
        ToyData data = new ToyData(22, 30, 8, 9);
        NedsModel model = NedsModel.create(TrainerFixture.tinyConfig(0.0), TrainerFixture.bindings(data.modalities()),
                new SessionTable(data.sessions().subList(0, 1)), 1).withSessions(List.of(data.sessions().get(1)));
        NedsModel before = NedsModel.create(TrainerFixture.tinyConfig(0.0), TrainerFixture.bindings(data.modalities()),
                new SessionTable(data.sessions().subList(0, 1)), 1).withSessions(List.of(data.sessions().get(1)));
        finetune(model, data.sessions().get(1), data, TrainerFixture.options(2, 1e-2), dir);
        for (Parameter p : model.parameters()) {
            var now = model.parameter(p.name());
            var then = before.parameter(p.name());
            if (p.perSession()) {
                assertEquals(then.slice(0), now.slice(0), p.name() + ": the old session's row changed");
                assertTrue(!then.slice(1).equals(now.slice(1)), p.name() + ": the new session's row did not train");
            } else {
                assertEquals(then, now, p.name() + " is shared and must stay frozen");
            }
        }
        // nor were the frozen backbone's weight gradients computed (FrozenBackboneStepTest: the others are as before)
        for (String name : List.of("layer0/attn/qkv/w", "layer0/mlp/fc2/w")) {
            assertEquals(0.0, model.store().gradient(name).amaxNumber().doubleValue(), name + "'s gradient was computed");
        }
        assertTrue(model.store().gradient("spikes/stitch_w").amaxNumber().doubleValue() > 0, "the stitchers' gradient");
    }

    @Test
    void aScaledBackboneLearnsAtThatShareOfTheLearningRate() {
        ToyData data = new ToyData(23, 30, 8, 9);
        NedsModel model = NedsModel.create(TrainerFixture.tinyConfig(0.0), TrainerFixture.bindings(data.modalities()),
                new SessionTable(data.sessions().subList(0, 1)), 1).withSessions(List.of(data.sessions().get(1)));
        AdamW adam = new AdamW(0.9, 0.999, 1e-12, 0.0);
        Predicate<String> updated = FinetuneRun.restrictToNewRows(model, 1, 0.25, adam);
        INDArray before = model.store().values().dup();
        model.store().gradients().assign(-3.0);
        double lr = 1e-2;
        adam.step(model.store(), model.store().runs(p -> updated.test(p.name())), lr);

        // Adam's first step moves every entry by lr x sign(-gradient), scaled here by the entry's mask
        INDArray moved = model.store().values().sub(before);
        for (Parameter p : model.parameters()) {
            INDArray step = model.store().view(moved, p.name());
            if (p.perSession()) {
                assertEquals(0.0, step.slice(0).amaxNumber().doubleValue(), 0.0, p.name() + ": the old session's row moved");
                assertEquals(lr, step.slice(1).minNumber().doubleValue(), 1e-7, p.name() + ": the new session's row");
                assertEquals(lr, step.slice(1).maxNumber().doubleValue(), 1e-7, p.name() + ": the new session's row");
            } else {
                assertTrue(updated.test(p.name()), p.name() + " is shared and must learn");
                assertEquals(0.25 * lr, step.minNumber().doubleValue(), 1e-7, p.name());
                assertEquals(0.25 * lr, step.maxNumber().doubleValue(), 1e-7, p.name());
            }
        }
    }

    @Test
    void aBackboneScaleOutsideZeroToOneIsRefusedNamingTheKey() {
        for (String bad : new String[]{"-0.1", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FinetuneRun.backboneLrScale(
                    com.typesafe.config.ConfigFactory.parseString("backbone-lr-scale = " + bad)));
            assertTrue(e.getMessage().startsWith("finetune.backbone-lr-scale = " + bad), e.getMessage());
        }
        assertEquals(0.3, FinetuneRun.backboneLrScale(com.typesafe.config.ConfigFactory.parseString("backbone-lr-scale = 0.3")));
    }

    private static double finetune(NedsModel model, SessionInfo held, ToyData data, TrainingOptions options, Path dir)
            throws IOException {
        AdamW adam = TrainerFixture.adam(options);
        Predicate<String> trainable = FinetuneRun.restrictToNewRows(model, model.sessions().size() - 1, 0, adam);
        return train(model, List.of(held), data, adam, trainable, options, dir).validate().total();
    }

    private static Trainer train(NedsModel model, List<SessionInfo> sessions, ToyData data, AdamW adam,
                                 Predicate<String> trainable, TrainingOptions options, Path dir) throws IOException {
        SessionTable table = model.sessions();
        Trainer trainer = new Trainer(model, adam, TrainerState.start(),
                new BatchAssembler(data, model.specs(), model::width), TrainerFixture.mixed(), options,
                RunDirectory.create(dir), TrialSplits.of(data, table, sessions, Split.TRAIN),
                TrialSplits.of(data, table, sessions, Split.VAL), trainable, QUIET, false);
        trainer.run();
        return trainer;
    }
}
