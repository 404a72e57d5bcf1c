package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModelStore;
import org.nedsj.model.NedsModel;
import org.nedsj.trainer.optim.AdamW;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

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
        return new Restored(loaded.model(), loaded.extras(), TrainerState.fromJson(state));
    }
}
