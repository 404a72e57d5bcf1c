package org.nedsj.trainer.evaluate;

import org.nedsj.model.ModalityBinding;
import org.nedsj.model.NedsModel;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.train.Checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model each modality's predictions come from. With {@code eval.checkpoint = per-task}, a
 * modality whose run has a {@code best-<modality>.zip} is predicted by that checkpoint (the epoch of
 * its own best validation loss), every other modality by the evaluated checkpoint; checkpoints of
 * the same epoch share one loaded model.
 *
 * @param byModality the model of each modality
 * @param epochs     "modality epoch N, …" for the modalities on their own checkpoints ("" when none)
 */
record TaskModels(Map<String, NedsModel> byModality, String epochs) {

    static TaskModels of(Experiment experiment, RunDirectory run, Path checkpoint, NedsModel model) throws IOException {
        boolean perTask = experiment.config().getString("eval.checkpoint").equals("per-task")
                && checkpoint.equals(run.bestCheckpoint());
        Map<String, NedsModel> byModality = new LinkedHashMap<>();
        Map<Integer, NedsModel> byEpoch = new LinkedHashMap<>();
        List<String> epochs = new ArrayList<>();
        for (ModalityBinding m : model.modalities()) {
            Path own = run.bestCheckpoint(m.name());
            if (!perTask || !Files.isRegularFile(own)) {
                byModality.put(m.name(), model);
                continue;
            }
            Checkpoints.Restored restored = Checkpoints.load(own, experiment.codecs());
            byModality.put(m.name(), byEpoch.computeIfAbsent(restored.state().epoch(), e -> restored.model()));
            epochs.add(m.name() + " epoch " + restored.state().epoch());
        }
        return new TaskModels(byModality, String.join(", ", epochs));
    }
}
