package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModelStore;
import org.nedsj.model.NedsModel;
import org.nedsj.model.ParameterStore;
import org.nd4j.linalg.factory.Nd4j;
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
    /** With a weight average, the checkpoint's model is the average and this entry the weights the optimiser steps. */
    static final String STEPPED = "stepped";

    private Checkpoints() {
    }

    public static void save(Path file, NedsModel model, AdamW optimizer, TrainerState state) throws IOException {
        save(file, model, optimizer, state, Map.of());
    }

    /** As {@link #save(Path, NedsModel, AdamW, TrainerState)}, with more flat arrays laid out as the store ({@link #STEPPED}). */
    static void save(Path file, NedsModel model, AdamW optimizer, TrainerState state, Map<String, INDArray> more)
            throws IOException {
        Map<String, INDArray> extras = new java.util.LinkedHashMap<>(optimizer.state());
        extras.putAll(more);
        ModelStore.save(model, extras, Map.of(STATE, state.toJson()), file);
    }

    /** A restored run: model, optimiser moments (with their step count) and trainer state. */
    public record Restored(NedsModel model, Map<String, INDArray> optimizerState, TrainerState state) {

        public AdamW optimizer(TrainingOptions o) {
            AdamW adam = new AdamW(o.beta1(), o.beta2(), o.epsilon(), o.weightDecay());
            adam.restore(optimizerState, state.step());
            return adam;
        }

        /** The weights the optimiser stepped, where the run averaged its weights and the model is that average. */
        public Optional<INDArray> steppedWeights() {
            return Optional.ofNullable(optimizerState.get(STEPPED));
        }
    }

    public static Restored load(Path file, CodecCatalog codecs) throws IOException {
        ModelStore.Loaded loaded = ModelStore.loadWithExtras(file, codecs);
        byte[] state = loaded.attachments().get(STATE);
        if (state == null) {
            throw new IOException(file + " is a model, not a training checkpoint (no " + STATE + ")");
        }
        Map<String, INDArray> moments = loaded.format() == ModelStore.FORMAT ? requireFlatMoments(file, loaded)
                : flatMoments(file, loaded);
        return new Restored(loaded.model(), moments, parseState(file, state));
    }

    /**
     * The optimiser's moments {@code m} and {@code v} (none before the first step), and the stepped weights of a run
     * that averages its weights, are laid out as the model's store.
     */
    private static Map<String, INDArray> requireFlatMoments(Path file, ModelStore.Loaded loaded) throws IOException {
        INDArray values = loaded.model().store().values();
        for (var e : loaded.extras().entrySet()) {
            INDArray a = e.getValue();
            boolean known = e.getKey().equals("m") || e.getKey().equals("v") || e.getKey().equals(STEPPED);
            if (!known || a.length() != values.length() || a.dataType() != values.dataType()) {
                throw new IOException(file + ": optimiser state " + e.getKey() + " does not match the parameters of the model; "
                        + "the checkpoint is damaged, use another one or train again");
            }
        }
        return loaded.extras();
    }

    /**
     * A checkpoint of the per-parameter format keeps each moment by parameter ({@code m/<parameter>},
     * {@code v/<parameter>}): each must have its parameter's shape; they are laid out flat as the store.
     */
    private static Map<String, INDArray> flatMoments(Path file, ModelStore.Loaded loaded) throws IOException {
        ParameterStore store = loaded.model().store();
        Map<String, INDArray> flat = new java.util.LinkedHashMap<>();
        for (var e : loaded.extras().entrySet()) {
            int slash = e.getKey().indexOf('/');
            String parameter = e.getKey().substring(slash + 1);
            String moment = slash < 0 ? "" : e.getKey().substring(0, slash);
            boolean known = store.has(parameter) && (moment.equals("m") || moment.equals("v"));
            if (!known || !java.util.Arrays.equals(store.slot(parameter).shape(), e.getValue().shape())) {
                throw new IOException(file + ": optimiser state " + e.getKey() + " does not match a parameter of the model; "
                        + "the checkpoint is damaged, use another one or train again");
            }
            INDArray target = flat.computeIfAbsent(moment, k -> Nd4j.zeros(store.values().dataType(), store.size()));
            store.view(target, parameter).assign(e.getValue());
        }
        return flat;
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
