package org.nedsj.trainer.bench;

import org.junit.jupiter.api.Test;
import org.nedsj.model.NedsModel;
import org.nedsj.model.SessionTable;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;

import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScaleModelTest {

    /** hidden 4, 1 layer, 2 heads, MLP 8; spikes and wheel of 2 bins, a choice of 2 classes; 2 sessions, the widest 3 neurons. */
    private static final ScaleModel TINY = new ScaleModel(4, 1, 2, 8, List.of(ModalitySpec.neuralCounts("spikes", 2),
            ModalitySpec.dynamicBehaviour("wheel", 2), ModalitySpec.staticBehaviour("choice", 2)), 2, 3);

    @Test
    void countsTheFlopsOfATinyModelByHand() {
        assertEquals(5, TINY.tokens());
        // projections 2*5*(4*16 + 2*4*8) = 1280, attention 2*2*25*4 = 400; stitch in and out 2*2*2*3*4 = 96,
        // wheel in and out 2*2*2*4 = 32, choice logits 2*4*2 = 16
        assertEquals(1280 + 400 + 96 + 32 + 16, TINY.forwardFlops(3), 0);
        assertEquals(3 * 1824, TINY.trainingFlops(3), 0);
    }

    @Test
    void countsTheBytesOfATrialByHand() {
        // spikes 2 bins * 3 neurons at one byte, wheel 2 floats, choice 1 float
        assertEquals(6 + 8 + 4, TINY.inputBytes(3));
        // 5 tokens * (7*4 + 2*8) + 2 heads * 25 = 270 floats
        assertEquals(270 * 4, TINY.activationBytes());
    }

    @Test
    void countsTheParametersAndExchangedBytesOfATinyModelByHand() {
        // per layer 4*16 + 2*4*8 + 9*4 + 8 = 172, final norm 8
        assertEquals(180, TINY.backboneParameters());
        // + session embedding 8, mask tokens and modality embeddings 3*8, stitchers 2*(12+4) + 2*(12+3) = 62,
        // wheel 8 + 5, choice 8 + 8 + 2, time embedding 2*4
        assertEquals(180 + 8 + 24 + 62 + 13 + 18 + 8, TINY.parameters());
        assertEquals(313 * 4, TINY.parameterBytes());
        assertEquals(0, TINY.ringAllReduceBytes(1), 0);
        assertEquals(2.0 * 3 / 4 * 1252, TINY.ringAllReduceBytes(4), 1e-9);
    }

    @Test
    void countsTheSameParametersAsTheModelBuiltFromThem() {
        List<ModalitySpec> modalities = TrainStepBenchmark.modalities(10);
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.empty(),
                List.of("model.preset=small"), new Properties()))) {
            var config = experiment.modelConfig();
            SessionTable sessions = new SessionTable(List.of(new SessionInfo("a", 7, 10, 0, 0, "synthetic"),
                    new SessionInfo("b", 12, 10, 0, 0, "synthetic"), new SessionInfo("c", 9, 10, 0, 0, "synthetic")));
            NedsModel model = NedsModel.create(config, experiment.bindings(modalities), sessions, 0);
            ScaleModel paper = new ScaleModel(config.hidden(), config.layers(), config.heads(), config.mlp(), modalities, 3, 12);
            assertEquals(model.parameterCount(), paper.parameters());
        }
    }
}
