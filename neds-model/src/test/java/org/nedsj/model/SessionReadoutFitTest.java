package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class heads whose per-session offsets are fitted after training ({@code fit-session-offsets}). */
class SessionReadoutFitTest {

    private static final String FITTED = "fit-session-offsets = true";
    private final SessionTable table = Fixtures.sessions(5, 7);

    @Test
    void offsetsToBeFittedLaterLeaveTrainingAsWithoutThem() {
        NedsModel plain = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL), table, 9);
        NedsModel fitted = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL, FITTED), table, 9);
        for (Parameter p : plain.parameters()) {
            fitted.parameter(p.name()).assign(plain.parameter(p.name()));
        }
        StepResult b = Fixtures.assertSameStep(plain, fitted, table, name -> true);
        assertEquals(0.0, b.gradients().get("block/session_w").norm1Number().doubleValue(), 0.0);
        assertTrue(fitted.fitsSessionReadout("block"));
        assertFalse(plain.fitsSessionReadout("block"));
        assertFalse(fitted.fitsSessionReadout("wheel"));
    }

    @Test
    void aClassThatEachSessionKeepsIsFittedAndTheModelPredictsWithIt() {
        // block is class 0 in session 0 and class 2 in session 1: the shared head cannot know, each session's
        // class offsets can
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL, FITTED), table, 9);
        Map<String, IntUnaryOperator> bySession = Map.of("block", s -> s == 0 ? 0 : 2);
        List<Batch> training = List.of(
                Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0, 0, 1, 0, 1}, 3, 7, bySession),
                Fixtures.batch(Fixtures.ALL, table, new int[]{1, 1, 0, 0, 1, 0, 1, 0, 0, 1}, 4, 7, bySession));
        Batch validation = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 0, 1, 1, 0}, 5, 7, bySession);
        MaskPlan plan10 = everyBlock(10);
        MaskPlan plan6 = everyBlock(6);
        double before = model.evaluate(validation, plan6).modalityLosses().get("block");

        ReadoutFit fit = model.fitSessionReadouts(List.of("block"), training, List.of(plan10, plan10), List.of(validation),
                List.of(plan6)).get("block");

        assertEquals(before, fit.validationLossBefore(), 1e-5, "the fit's loss before is the model's own");
        assertTrue(fit.kept());
        assertTrue(fit.validationLossAfter() < 0.5 * before, fit.toString());
        assertEquals(fit.validationLossAfter(), model.evaluate(validation, plan6).modalityLosses().get("block"), 1e-5,
                "the model predicts with the fitted offsets");
        INDArray logits = model.predict(validation, plan6).get("block");
        for (int i = 0; i < 6; i++) {
            int session = validation.session(i);
            assertEquals(session == 0 ? 0 : 2, logits.getRow(i).argMax().getInt(0), "trial " + i);
        }
    }

    @Test
    void theTrainingTokensDecideTheFitAndTheValidationLossIsOnlyReported() {
        // training classes by session, validation classes the other way round: cross-validation on the training
        // tokens chooses offsets, which raise the validation loss; the fit is applied and both losses reported
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL, FITTED), table, 9);
        List<Batch> training = List.of(Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0, 0, 1, 0, 1}, 3, 7,
                Map.of("block", s -> s == 0 ? 0 : 2)));
        Batch validation = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 0, 1, 1, 0}, 5, 7,
                Map.of("block", s -> s == 0 ? 2 : 0));
        double before = model.evaluate(validation, everyBlock(6)).modalityLosses().get("block");

        ReadoutFit fit = model.fitSessionReadouts(List.of("block"), training, List.of(everyBlock(10)), List.of(validation),
                List.of(everyBlock(6))).get("block");

        assertTrue(fit.kept());
        assertEquals(java.util.Set.of(0, 1), fit.penalties().keySet());
        assertEquals(before, fit.validationLossBefore(), 1e-5);
        assertTrue(fit.validationLossAfter() > fit.validationLossBefore(), fit.toString());
        assertEquals(fit.validationLossAfter(), model.evaluate(validation, everyBlock(6)).modalityLosses().get("block"), 1e-5,
                "the model predicts with the fitted offsets");
    }

    @Test
    void aSessionTooSmallToCrossValidateKeepsTheOffsetsItHad() {
        // session 0 has 4 training trials, fewer than the folds: no fit, its offsets stay; session 1 is fitted
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL, FITTED), table, 9);
        SessionGroups.session(model.parameter("block/session_w"), 0).assign(0.25);
        INDArray sessionZero = SessionGroups.session(model.parameter("block/session_w"), 0).dup();
        List<Batch> training = List.of(Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0, 1, 1, 0, 1}, 3, 7,
                Map.of("block", s -> s == 0 ? 0 : 2)));
        Batch validation = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 0, 1, 1, 0}, 5, 7,
                Map.of("block", s -> s == 0 ? 0 : 2));

        ReadoutFit fit = model.fitSessionReadouts(List.of("block"), training, List.of(everyBlock(10)), List.of(validation),
                List.of(everyBlock(6))).get("block");

        assertEquals(java.util.Set.of(1), fit.penalties().keySet(), fit.toString());
        assertEquals(sessionZero, SessionGroups.session(model.parameter("block/session_w"), 0));
        assertTrue(SessionGroups.session(model.parameter("block/session_w"), 1).norm1Number().doubleValue() > 0);
    }

    @Test
    void theSameDiffEngineRefusesOffsetsFittedAfterTrainingNamingTheKey() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NedsModel.create(Fixtures.tiny().withEngine(ModelConfig.SAMEDIFF), Fixtures.bindings(Fixtures.ALL, FITTED),
                        table, 9));
        assertTrue(e.getMessage().startsWith("model.modalities.choice: a readout fitted after training (fit-session-offsets or "
                + "fit-session-readout = true) needs model.engine = fused"),
                e.getMessage());
    }

    /** Block hidden and scored in every trial, nothing else. */
    private static MaskPlan everyBlock(int n) {
        MaskPlan.Builder p = MaskPlan.builder(n, Fixtures.ALL, "test");
        for (int i = 0; i < n; i++) {
            p.mask("block", i, 0);
        }
        return p.build();
    }
}
