package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyWriter;
import org.nedsj.spi.io.FolderLock;

/** Bad settings and runs for {@code neds train}: exit 2, one clear line, nothing written or changed. */
class BadTrainInputTest {

    @TempDir
    Path tmp;

    TinyWorld world;
    FolderSnapshot untouched;

    @BeforeEach
    void world() {
        world = TinyWorld.get();
        untouched = FolderSnapshot.of(world.data, world.run, world.experiment);
    }

    private CommandRun train(Path out, String... sets) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--config", world.experiment.toString(),
                "--out", out.toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return CommandRun.of(args.toArray(String[]::new));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("train.lr=NaN", "train.lr = NaN"),
                Arguments.of("train.lr=-1e-3", "train.lr = -0.001"),
                Arguments.of("train.beta2=1", "train.beta2 = 1.0"),
                Arguments.of("train.beta1=-0.1", "train.beta1 = -0.1"),
                Arguments.of("train.epsilon=0", "train.epsilon = 0.0"),
                Arguments.of("train.epochs=0", "train.epochs = 0"),
                Arguments.of("train.batch-size=0", "train.batch-size = 0"),
                Arguments.of("train.clip-norm=-1", "train.clip-norm = -1.0"),
                Arguments.of("train.warmup=2", "train.warmup = 2.0"),
                Arguments.of("train.weight-decay=1e999", "train.weight-decay = Infinity"),
                Arguments.of("train.patience=0", "train.patience = 0"),
                Arguments.of("model.dropout=1.5", "model.dropout (1.5)"),
                Arguments.of("model.dropout=NaN", "model.dropout (NaN)"),
                Arguments.of("model.norm-epsilon=0", "model.norm-epsilon (0.0)"),
                Arguments.of("model.preset=huge", "model.preset = 'huge'"),
                Arguments.of("train.mode=sideways", "train.mode = 'sideways'"),
                Arguments.of("train.held-out-sessions=[nobody]", "train.held-out-sessions names sessions the data does not have"),
                Arguments.of("train.epoch=3", "train.epoch"),
                Arguments.of("train.parallel.replicas=0", "train.parallel.replicas = 0: must be at least 1"),
                Arguments.of("train.parallel.replicas=many", "train.parallel.replicas = \"many\": must be a whole number or auto"),
                Arguments.of("train.accumulate=0", "train.accumulate = 0: must be at least 1"),
                Arguments.of("train.spark.task=2", "train.spark.task"),
                Arguments.of("train.lr=fast", "train.lr"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingStopsBeforeAnythingIsWritten(String set, String message) {
        Path out = tmp.resolve("run");
        Rejection.assertUserError(train(out, set), message);
        assertFalse(Files.exists(out), "no half-made run folder");
        untouched.assertUnchanged();
    }

    @Test
    void replicasOrAccumulationOnTheSameDiffEngineAreRefusedNamingTheKeys() {
        Path out = tmp.resolve("run");
        Rejection.assertUserError(train(out, "model.engine=samediff", "train.accumulate=2"), "train.accumulate = 2",
                "need model.engine = fused");
        assertFalse(Files.exists(out), "no half-made run folder");
        untouched.assertUnchanged();
    }

    @Test
    void sparkWithoutTheSparkBundleIsOneMessageSayingHowToGetIt() {
        Path out = tmp.resolve("run");
        CommandRun r = CommandRun.of("train", "--config", world.experiment.toString(), "--out", out.toString(),
                "--spark", "local[2]");
        Rejection.assertUserError(r, "--spark needs the spark bundle, which is not on the class path",
                "neds-spark-bundle-<version>.tar.gz");
        assertFalse(Files.exists(out), "no half-made run folder");
        untouched.assertUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "many"})
    void badSparkTasksAreNamedBeforeAnythingElse(String tasks) {
        Path out = tmp.resolve("run");
        Rejection.assertUserError(CommandRun.of("train", "--config", world.experiment.toString(), "--out", out.toString(),
                "--spark", "local[2]", "--set", "train.spark.tasks=" + tasks), "train.spark.tasks = ",
                "must be a whole number of at least 1, or auto");
        assertFalse(Files.exists(out), "no half-made run folder");
    }

    @Test
    void sparkTasksTakeThePlaceOfReplicas() {
        Path out = tmp.resolve("run");
        Rejection.assertUserError(CommandRun.of("train", "--config", world.experiment.toString(), "--out", out.toString(),
                "--spark", "local[2]", "--set", "train.parallel.replicas=2"), "train.parallel.replicas = 2 and --spark",
                "train.spark.tasks");
        assertFalse(Files.exists(out), "no half-made run folder");
    }

    @Test
    void aMissingDataFolderIsNamed() {
        Path out = tmp.resolve("run");
        Path missing = tmp.resolve("no-data");
        Rejection.assertUserError(train(out, "data.path=\"" + missing + "\""), missing.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingExperimentFileIsNamed() {
        Path config = tmp.resolve("nothing.conf");
        Rejection.assertUserError(CommandRun.of("train", "--config", config.toString(), "--out", tmp.resolve("run").toString()),
                config.toString());
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    @Test
    void anExistingRunAsOutIsRefusedUntouched() {
        Rejection.assertUserError(train(world.run), "already holds a training run", "--resume");
        untouched.assertUnchanged();
    }

    @Test
    void aRunFolderInUseIsRefusedNamingTheHolder() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        try (FolderLock held = FolderLock.acquire(out, "neds train (test)")) {
            assertTrue(held.file().toFile().exists());
            FolderSnapshot busy = FolderSnapshot.of(out);
            Rejection.assertUserError(train(out), "is in use by another neds command", "pid " + ProcessHandle.current().pid(),
                    "neds train (test)");
            busy.assertUnchanged();
        }
    }

    @Test
    void resumingAFolderThatIsNotARunIsRefused() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Rejection.assertUserError(CommandRun.of("train", "--resume", empty.toString()), "is not a training run");
        assertEquals(List.of(), Files.list(empty).toList());
    }

    @Test
    void aModelSettingTheCheckpointWouldOverrideIsRefusedOnResumeAndFinetuneChangingNothing() throws IOException {
        Path run = world.copyOfRun(tmp);
        FolderSnapshot before = FolderSnapshot.of(run);
        Rejection.assertUserError(CommandRun.of("train", "--resume", run.toString(), "--set", "model.dropout=0.3"),
                "--set model.dropout=0.3: neds train --resume", "whose model.dropout = 0,");
        before.assertUnchanged();
        Path tuned = tmp.resolve("tuned");
        Rejection.assertUserError(CommandRun.of("finetune", "--run", world.run.toString(), "--data", world.data.toString(),
                "--set", "model.modalities.spikes.fit-session-readout=true", "--out", tuned.toString()),
                "neds finetune", "whose model.modalities.spikes.fit-session-readout = false");
        assertFalse(Files.exists(tuned));
    }

    @Test
    void resumingATruncatedCheckpointIsRefused() throws IOException {
        Path run = world.copyOfRun(tmp);
        Path latest = run.resolve("checkpoints/latest.zip");
        Files.write(latest, java.util.Arrays.copyOf(Files.readAllBytes(latest), 200));
        FolderSnapshot before = FolderSnapshot.of(run);
        Rejection.assertUserError(CommandRun.of("train", "--resume", run.toString()), latest.toString(), "truncated");
        before.assertUnchanged();
    }

    @Test
    void aNonFiniteInputStopsTheRunSayingNoCheckpointExistsYet() throws IOException {
        Path data = world.copyOfData(tmp);
        for (String session : world.sessions) {
            Path wheel = data.resolve(session).resolve("wheel.npy");
            NpyArray a = NpyReader.read(wheel);
            float[] values = new float[Math.toIntExact(a.size())];
            java.util.Arrays.fill(values, Float.NaN);
            NpyWriter.writeFloats(wheel, values, a.shape());
        }
        Path out = tmp.resolve("run");
        CommandRun r = train(out, "data.path=\"" + data + "\"");
        Rejection.assertUserError(r, "wheel values of trial", "NaN", "no checkpoint was written yet");
        assertFalse(r.err().contains("latest.zip"), r.err());
        assertTrue(Files.readString(out.resolve("train.log")).contains("NonFiniteTrainingException"),
                "the full trace goes to the run's log");
    }

    @Test
    void debugAddsTheStackTrace() {
        CommandRun r = CommandRun.of("--debug", "train", "--config", world.experiment.toString(), "--set", "train.lr=NaN",
                "--out", tmp.resolve("run").toString());
        assertEquals(FailureReport.USER_ERROR, r.status());
        assertTrue(r.err().contains("\tat org.nedsj."), r.err());
        assertFalse(r.err().contains("please report"), r.err());
    }
}
