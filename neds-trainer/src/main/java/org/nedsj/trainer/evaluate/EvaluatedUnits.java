package org.nedsj.trainer.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.experiment.Experiment;

/**
 * Evaluation data must hold, for each session, the neurons the model was trained on: the same
 * count, and where both the run and the data know them, the same unit ids in the same order.
 * Other recordings under the same session id would give numbers that mean nothing.
 */
final class EvaluatedUnits {

    private EvaluatedUnits() {
    }

    /**
     * @param trained unit ids by session from the run's {@code sessions.json} (empty for older runs)
     * @throws IllegalArgumentException naming the session, the data and the difference
     */
    static void requireSame(Experiment experiment, NedsModel model, List<String> sessions, Map<String, long[]> trained) {
        String data = experiment.config().getString("data.path");
        for (String id : sessions) {
            SessionInfo modelSession = model.sessions().sessions().stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow();
            int neurons = experiment.data().sessions().stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow().neurons();
            if (neurons != modelSession.neurons()) {
                throw mismatch(id, data, neurons + " units where the model was trained on " + modelSession.neurons());
            }
            Optional<long[]> units = experiment.data().session(id).unitIds();
            if (units.isPresent() && trained.containsKey(id) && !Arrays.equals(units.get(), trained.get(id))) {
                throw mismatch(id, data, "other units than the model was trained on (" + firstDifference(units.get(),
                        trained.get(id)) + ")");
            }
        }
    }

    private static String firstDifference(long[] found, long[] expected) {
        for (int i = 0; i < found.length; i++) {
            if (found[i] != expected[i]) {
                return "column " + i + " is unit " + found[i] + ", the model's is unit " + expected[i];
            }
        }
        return "same count, different ids";
    }

    private static IllegalArgumentException mismatch(String session, String data, String what) {
        return new IllegalArgumentException("session " + session + " of " + data + " has " + what + "; it is another "
                + "recording or spike sorting under the same id: evaluate on the data the model was trained on, or "
                + "fine-tune to this data (neds finetune)");
    }
}
