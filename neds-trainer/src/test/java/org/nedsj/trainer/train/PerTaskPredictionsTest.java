package org.nedsj.trainer.train;

import org.junit.jupiter.api.Test;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.TaskPredictions;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.evaluate.ModelTaskPredictor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each modality's predictions come from the model chosen for it (as {@code neds eval} takes each modality
 * from its own best checkpoint), and a model whose modalities a scheme does not score does not run: here
 * the behaviours' model has NaN weights, so any of its predictions that reached the report would be NaN.
 */
class PerTaskPredictionsTest {

    private final ToyData data = new ToyData(2, 40, 9, 14);

    @Test
    void eachModalityIsPredictedByItsOwnModelAndOnlyWhereTheSchemeScoresIt() {
        NedsModel spikesModel = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.0), 3);
        NedsModel behaviourModel = TrainerFixture.model(data, TrainerFixture.tinyConfig(0.0), 4);
        Map<String, NedsModel> byModality = new LinkedHashMap<>();
        byModality.put("spikes", spikesModel);
        for (String m : new String[]{"wheel", "whisker", "choice", "block"}) {
            byModality.put(m, behaviourModel);
        }
        SessionInfo session = spikesModel.sessions().get(0);
        int[] trials = IntStream.range(0, 20).toArray();

        TaskPredictions alone = predictor(Map.of("spikes", spikesModel)).predict(session.id(), trials, "encoding");
        behaviourModel.store().values().assign(Float.NaN);
        TaskPredictions encoding = predictor(byModality).predict(session.id(), trials, "encoding");

        ModalityPredictions spikes = encoding.modalities().get("spikes");
        assertEquals(20 * ToyData.BINS, spikes.scoredCount(), "encoding scores every spike bin");
        assertArrayEquals(alone.modalities().get("spikes").predicted(), spikes.predicted(),
                "the spikes come from the spikes' model");
        for (String m : new String[]{"wheel", "whisker", "choice", "block"}) {
            ModalityPredictions behaviour = encoding.modalities().get(m);
            assertEquals(0, behaviour.scoredCount(), m + " is visible under encoding");
            for (float v : behaviour.predicted()) {
                assertEquals(0f, v, m + ": the behaviours' (NaN) model ran under encoding");
            }
            assertTrue(behaviour.truth().length > 0 && !Float.isNaN(behaviour.truth()[0]), m + " keeps its truth");
        }

        TaskPredictions decoding = predictor(byModality).predict(session.id(), trials, "decoding");
        assertEquals(20 * ToyData.BINS, decoding.modalities().get("wheel").scoredCount(), "decoding scores every wheel bin");
        assertTrue(Float.isNaN(decoding.modalities().get("wheel").predicted()[0]), "the wheel comes from its own model");
        for (float v : decoding.modalities().get("spikes").predicted()) {
            assertEquals(0f, v, "the spikes' model ran under decoding, where no spike bin is scored");
        }
    }

    private ModelTaskPredictor predictor(Map<String, NedsModel> byModality) {
        NedsModel any = byModality.values().iterator().next();
        return new ModelTaskPredictor(byModality, new BatchAssembler(data, any.specs(), any::width),
                TrainerFixture::scheme, 8, 7);
    }
}
