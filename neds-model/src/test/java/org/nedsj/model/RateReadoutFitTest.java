package org.nedsj.model;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spike readout refitted per session after training ({@code fit-session-readout}). */
class RateReadoutFitTest {

    private final SessionTable table = Fixtures.sessions(5, 7);

    @Test
    void theRefitLowersTheValidationLossTheModelThenScoresAndLeavesThePaddedNeuronsBe() {
        // counts of 0–2 (mean 1) against a readout started at log rate −1: the refit finds each neuron's rate
        NedsModel model = NedsModel.create(Fixtures.tiny(), bindings(), table, 9);
        assertTrue(model.fitsSessionReadout("spikes"));
        assertFalse(model.fitsSessionReadout("wheel"));
        List<Batch> training = List.of(
                Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0, 0, 1, 0, 1}, 3, 7),
                Fixtures.batch(Fixtures.ALL, table, new int[]{1, 1, 0, 0, 1, 0, 1, 0, 0, 1}, 4, 7));
        Batch validation = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 0, 1, 1, 0}, 5, 7);
        INDArray padding = SessionGroups.session(model.parameter("spikes/stitch_out_w"), 0)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(5, 7)).dup();
        double before = model.evaluate(validation, everySpike(6)).modalityLosses().get("spikes");

        ReadoutFit fit = model.fitSessionReadouts(List.of("spikes"), training, List.of(everySpike(10), everySpike(10)),
                List.of(validation), List.of(everySpike(6))).get("spikes");

        assertEquals("Poisson NLL", fit.loss());
        assertEquals(before, fit.validationLossBefore(), 1e-5, "the fit's loss before is the model's own");
        assertTrue(fit.validationLossAfter() < before - 0.1, fit.toString());
        assertEquals(fit.validationLossAfter(), model.evaluate(validation, everySpike(6)).modalityLosses().get("spikes"),
                1e-5, "the model predicts with the refitted readout");
        assertEquals(java.util.Set.of(0, 1), fit.notes().keySet());
        assertTrue(fit.notes().get(1).matches("[1-7] of 7 neurons refitted \\(1e\\+00: \\d, 1e-01: \\d, 1e-02: \\d, "
                + "1e-03: \\d, 1e-04: \\d\\)"), fit.notes().get(1));
        assertEquals(padding, SessionGroups.session(model.parameter("spikes/stitch_out_w"), 0)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(5, 7)), "the padding beyond session 0's 5 neurons");
    }

    @Test
    void aSessionWithoutValidationTrialsKeepsItsTrainedReadout() {
        NedsModel model = NedsModel.create(Fixtures.tiny(), bindings(), table, 9);
        List<Batch> training = List.of(Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0, 0, 1, 0, 1}, 3, 7));
        Batch validation = Fixtures.batch(Fixtures.ALL, table, new int[]{1, 1, 1, 1}, 5, 7);
        INDArray sessionZero = SessionGroups.session(model.parameter("spikes/stitch_out_w"), 0).dup();

        ReadoutFit fit = model.fitSessionReadouts(List.of("spikes"), training, List.of(everySpike(10)),
                List.of(validation), List.of(everySpike(4))).get("spikes");

        assertEquals("kept the trained readout: no validation bins to choose on", fit.notes().get(0));
        assertEquals(sessionZero, SessionGroups.session(model.parameter("spikes/stitch_out_w"), 0));
        assertFalse(fit.penalties().containsKey(0));
        assertTrue(fit.notes().get(1).contains(" of 7 neurons refitted"), fit.notes().get(1));
    }

    @Test
    void aClassDecoderRefusesTheCountReadoutsKeyNamingItsOwn() {
        List<ModalityBinding> bindings = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bindings.add(
                Fixtures.CODECS.bind(Fixtures.CHOICE, ConfigFactory.parseString(
                        "encoder = embedding, decoder = cross-entropy, weight = 1.0, fit-session-readout = true"))));
        assertTrue(e.getMessage().startsWith("model.modalities.choice.fit-session-readout = true: a class decoder "
                + "fits its readout per session with fit-session-offsets = true"), e.getMessage());
    }

    @Test
    void theSameDiffEngineRefusesAReadoutFittedAfterTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NedsModel.create(Fixtures.tiny().withEngine(ModelConfig.SAMEDIFF), bindings(), table, 9));
        assertTrue(e.getMessage().startsWith("model.modalities.spikes: a readout fitted after training"),
                e.getMessage());
    }

    /** Every modality as the fixtures bind it, the spike decoder's readout refitted after training. */
    private static List<ModalityBinding> bindings() {
        return Fixtures.bindings(Fixtures.ALL, "", "fit-session-readout = true");
    }

    /** Every spike token hidden and scored, as the encoding scheme does. */
    private static MaskPlan everySpike(int n) {
        MaskPlan.Builder p = MaskPlan.builder(n, Fixtures.ALL, "test");
        for (int i = 0; i < n; i++) {
            p.maskAll("spikes", i);
        }
        return p.build();
    }
}
