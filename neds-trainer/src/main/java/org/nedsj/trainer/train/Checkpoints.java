package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModelStore;
import org.nedsj.model.NedsModel;
import org.nedsj.trainer.optim.AdamW;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nedsj.trainer.run.RunDirectory;

/**
 * A checkpoint is one zip (written atomically): the model, the optimiser's moments and the
 * trainer's state, so a run continues exactly where it stopped.
 */
public final class Checkpoints {

    static final String STATE = "trainer-state.json";

    private Checkpoints() {
    }

    public static void save(Path file, NedsModel model, AdamW optimizer, TrainerState state) throws IOException {
        ModelStore.save(model, optimizer.state(), Map.of(STATE, state.toJson()), file);
    }

    /** A restored run: model, optimiser moments (with their step count) and trainer state. */
    public record Restored(NedsModel model, Map<String, INDArray> optimizerState, TrainerState state) {

        public AdamW optimizer(TrainingOptions o) {
            AdamW adam = new AdamW(o.beta1(), o.beta2(), o.epsilon(), o.weightDecay());
            adam.restore(optimizerState, state.step());
            return adam;
        }
    }

    public static Restored load(Path file, CodecCatalog codecs) throws IOException {
        ModelStore.Loaded loaded = ModelStore.loadWithExtras(file, codecs);
        byte[] state = loaded.attachments().get(STATE);
        if (state == null) {
            throw new IOException(file + " is a model, not a training checkpoint (no " + STATE + ")");
        }
        requireMomentsMatch(file, loaded);
        return new Restored(loaded.model(), loaded.extras(), parseState(file, state));
    }

    /** Each optimiser moment ({@code m/<parameter>}, {@code v/<parameter>}) has its parameter's shape. */
    private static void requireMomentsMatch(Path file, ModelStore.Loaded loaded) throws IOException {
        for (var e : loaded.extras().entrySet()) {
            String parameter = e.getKey().substring(e.getKey().indexOf('/') + 1);
            boolean known = loaded.model().parameters().stream().anyMatch(p -> p.name().equals(parameter));
            if (!known || !java.util.Arrays.equals(loaded.model().parameter(parameter).shape(), e.getValue().shape())) {
                throw new IOException(file + ": optimiser state " + e.getKey() + " does not match a parameter of the model; "
                        + "the checkpoint is damaged, use another one or train again");
            }
        }
    }

    /** The trainer state stored in a checkpoint, read without building its model; empty when unreadable. */
    public static Optional<TrainerState> stateOf(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ModelStore.ATTACHMENTS + STATE);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Optional.of(TrainerState.fromJson(in.readAllBytes()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A run killed between writing {@code latest.zip} and copying it to {@code best.zip} has a best
     * checkpoint older than its state says; the latest one is that best, so copy it.
     */
    public static void repairBest(RunDirectory run, TrainerState latest) throws IOException {
        if (latest.bestEpoch() != latest.epoch() || latest.epoch() == 0) {
            return;
        }
        boolean current = stateOf(run.bestCheckpoint()).map(s -> s.epoch() == latest.epoch()).orElse(false);
        if (!current) {
            copyToBest(run);
        }
    }

    /** Copies {@code latest.zip} to {@code best.zip} atomically. */
    static void copyToBest(RunDirectory run) throws IOException {
        copyLatestTo(run, run.bestCheckpoint());
    }

    /** Copies {@code latest.zip} to {@code target} atomically. */
    static void copyLatestTo(RunDirectory run, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(run.latestCheckpoint(), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static TrainerState parseState(Path file, byte[] json) throws IOException {
        try {
            return TrainerState.fromJson(json);
        } catch (IOException e) {
            throw new IOException(file + " has an unreadable " + STATE + " (" + e.getMessage()
                    + "); the checkpoint is damaged, use another one or train again", e);
        }
    }
}
