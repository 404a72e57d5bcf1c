package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nedsj.spi.Batch;
import org.nedsj.spi.HeadInputs;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.spi.SessionGroups;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fitted class readout that reads the mean of the neural input tokens ({@code fit-reads}): the trial's stitched
 * spike embedding, before the transformer; beside the head input and added to the shared head
 * ({@code head-and-input-tokens}), or alone in place of the shared head ({@code input-tokens}).
 */
class InputTokenReadoutFitTest {

    private static final String FITTED = "fit-session-offsets = true";
    private static final String READS_INPUT = FITTED + ", fit-reads = head-and-input-tokens";
    private static final String OWN = FITTED + ", fit-reads = input-tokens";
    private static final int H = 16;
    private static final int BINS = 6;
    private final SessionTable table = Fixtures.sessions(5, 7);

    private static ModelConfig neuralReadout() {
        return Fixtures.tiny().withStaticReadout(ModelConfig.NEURAL_TOKENS);
    }

    @Test
    void trainingIsAsWithoutTheInputTokensAndTheOffsetsHaveARowPerInputColumn() {
        // created from the same seed, nothing copied: the wider offsets change neither the other parameters' start
        // nor the step
        NedsModel plain = NedsModel.create(neuralReadout(), Fixtures.bindings(Fixtures.ALL, FITTED), table, 9);
        NedsModel reading = NedsModel.create(neuralReadout(), Fixtures.bindings(Fixtures.ALL, READS_INPUT), table, 9);
        assertArrayEquals(new long[]{2, H, 2}, plain.parameter("choice/session_w").shape());
        assertArrayEquals(new long[]{2, 2 * H, 2}, reading.parameter("choice/session_w").shape());
        Fixtures.assertSameStep(plain, reading, table, name -> !name.endsWith("/session_w"));
        // the offsets are zero until fitted: evaluation reads the 2H columns and predicts as the shared head
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0}, 3, 7);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 6, 2);
        assertEquals(plain.evaluate(batch, plan).loss(), reading.evaluate(batch, plan).loss(), 1e-6);
    }

    @Test
    void theSecondHalfOfTheHeadInputIsTheMeanOfTheStitchedSpikeTokens() {
        NedsModel model = NedsModel.create(neuralReadout(), Fixtures.bindings(Fixtures.ALL, READS_INPUT), table, 9);
        int[] sessions = {0, 0, 1, 1};
        Batch batch = Fixtures.batch(Fixtures.ALL, table, sessions, 3, 7);
        HeadInputs inputs = model.headInputs(List.of("choice"), List.of(batch), List.of(everyChoice(4))).get("choice");
        assertEquals(4, inputs.size());
        assertEquals(2 * H, inputs.inputs().columns());

        // every token of a session adds the same embeddings to its stitched counts, so between two trials of one
        // session the means differ by (mean counts of one − of the other) · stitch_w of the session
        float[] spikes = floats(batch, "spikes");
        for (int s = 0; s < 2; s++) {
            int first = 2 * s;
            int neurons = table.get(s).width(Fixtures.SPIKES);
            INDArray stitch = SessionGroups.session(model.parameter("spikes/stitch_w"), s)
                    .get(NDArrayIndex.interval(0, neurons), NDArrayIndex.all());
            INDArray difference = Nd4j.create(meanCounts(spikes, first, neurons)).sub(Nd4j.create(meanCounts(spikes, first + 1, neurons)))
                    .reshape(1, neurons).castTo(stitch.dataType()).mmul(stitch);
            INDArray measured = inputs.inputs().getRow(first).get(NDArrayIndex.interval(H, 2 * H))
                    .sub(inputs.inputs().getRow(first + 1).get(NDArrayIndex.interval(H, 2 * H)));
            assertTrue(difference.reshape(H).equalsWithEps(measured.reshape(H), 1e-4), "session " + s + ": " + difference + " " + measured);
        }

        // the first half is the transformer's pooled output: a change in the transformer moves it, not the second half
        INDArray before = inputs.inputs().dup();
        INDArray fc1 = model.parameter("layer0/mlp/fc1/w");
        fc1.addi(Nd4j.rand(fc1.dataType(), fc1.shape()).subi(0.5));
        INDArray after = model.headInputs(List.of("choice"), List.of(batch), List.of(everyChoice(4))).get("choice").inputs();
        assertTrue(after.get(NDArrayIndex.all(), NDArrayIndex.interval(H, 2 * H))
                .equalsWithEps(before.get(NDArrayIndex.all(), NDArrayIndex.interval(H, 2 * H)), 1e-6));
        assertTrue(after.get(NDArrayIndex.all(), NDArrayIndex.interval(0, H))
                .sub(before.get(NDArrayIndex.all(), NDArrayIndex.interval(0, H))).norm1Number().doubleValue() > 1e-3);
    }

    @Test
    void aChoiceCarriedByOneNeuronsCountIsFittedBetterFromTheInputTokens() {
        // choice is 1 where neuron 0 fired more than its median over the trial: linear in the stitched input, blurred
        // by an untrained transformer; the readout with the input tokens fits the validation trials far better
        List<Batch> training = List.of(countCodedChoice(40, 3), countCodedChoice(40, 4));
        List<Batch> validation = List.of(countCodedChoice(40, 5));
        double plain = fit(FITTED, training, validation).validationLossAfter();
        ReadoutFit reading = fit(READS_INPUT, training, validation);
        assertTrue(reading.kept());
        assertTrue(reading.validationLossAfter() < 0.6 * plain, "with the input tokens " + reading + ", without " + plain);
        ReadoutFit own = fit(OWN, training, validation);
        assertTrue(own.kept());
        assertTrue(own.validationLossAfter() < 0.6 * plain, "the input tokens alone " + own + ", the head input " + plain);
    }

    @Test
    void theSessionsOwnReadoutOfTheInputTokensPredictsWhateverTheTransformerGives() {
        NedsModel model = NedsModel.create(neuralReadout(), Fixtures.bindings(Fixtures.ALL, OWN), table, 9);
        List<Batch> training = List.of(countCodedChoice(40, 3), countCodedChoice(40, 4));
        MaskPlan plan = everyChoice(40);
        model.fitSessionReadouts(List.of("choice"), training, List.of(plan, plan), List.of(countCodedChoice(40, 5)), List.of(plan));
        Batch test = countCodedChoice(40, 6);
        INDArray before = model.predict(test, plan).get("choice").dup();
        INDArray fc1 = model.parameter("layer0/mlp/fc1/w");
        fc1.addi(Nd4j.rand(fc1.dataType(), fc1.shape()).subi(0.5));
        model.parameter("choice/out_w").addi(0.3);
        INDArray after = model.predict(test, plan).get("choice");
        // the shared head is cancelled by the offsets: its logits move only by float rounding
        INDArray differenceBefore = before.getColumn(1).sub(before.getColumn(0));
        INDArray differenceAfter = after.getColumn(1).sub(after.getColumn(0));
        assertTrue(differenceBefore.equalsWithEps(differenceAfter, 1e-3), differenceBefore + " " + differenceAfter);
        int right = 0;
        float[] choice = floats(test, "choice");
        for (int i = 0; i < 40; i++) {
            right += (differenceBefore.getDouble(i) > 0 ? 1 : 0) == (int) choice[i] ? 1 : 0;
        }
        assertTrue(right >= 32, right + " of 40 test trials right");
    }

    @Test
    void blocksReadoutHeldToRankOneReadsOneDirectionInEachSession() {
        String keys = OWN + ", fit-rank-one = true";
        NedsModel model = NedsModel.create(neuralReadout(), Fixtures.bindings(Fixtures.ALL, keys), table, 9);
        List<Batch> training = List.of(countCodedBlock(40, 3), countCodedBlock(40, 4));
        MaskPlan plan = everyBlock(40);
        ReadoutFit fit = model.fitSessionReadouts(List.of("block"), training, List.of(plan, plan),
                List.of(countCodedBlock(40, 5)), List.of(plan)).get("block");
        assertEquals(2, fit.penalties().size(), "both sessions fitted: " + fit);
        assertEquals(String.format(Locale.ROOT, "rank one at %.0e", fit.penalties().get(0)), fit.notes().get(0),
                "the log line says the readout is of rank one: " + fit);
        for (int s = 0; s < 2; s++) {
            // the input-token half of W_s [2H, 3] is u·φᵀ: its 3 × 3 Gram matrix has rank one
            INDArray own = model.parameter("block/session_w").get(NDArrayIndex.point(s),
                    NDArrayIndex.interval(H, 2 * H), NDArrayIndex.all());
            double[][] gram = own.transpose().mmul(own).toDoubleMatrix();
            double scale = gram[0][0] + gram[1][1] + gram[2][2];
            assertTrue(scale > 1e-6, "session " + s + " has offsets");
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    assertEquals(0, (gram[a][a] * gram[b][b] - gram[a][b] * gram[a][b]) / (scale * scale), 1e-6,
                            "session " + s + ", classes " + a + " and " + b);
                }
            }
        }
        IllegalArgumentException unfitted = assertThrows(IllegalArgumentException.class, () -> NedsModel.create(
                neuralReadout(), Fixtures.bindings(Fixtures.ALL, "fit-rank-one = true"), table, 9));
        assertTrue(unfitted.getMessage().startsWith("model.modalities.choice.fit-rank-one = true: "), unfitted.getMessage());
        assertTrue(unfitted.getMessage().contains("fit-session-offsets = true"), unfitted.getMessage());
    }

    @Test
    void itNeedsOffsetsFittedAfterTrainingAndTheNeuralReadoutAndSaysWhichKey() {
        IllegalArgumentException trained = assertThrows(IllegalArgumentException.class, () -> NedsModel.create(neuralReadout(),
                Fixtures.bindings(Fixtures.ALL, "fit-reads = input-tokens"), table, 9));
        assertTrue(trained.getMessage().startsWith("model.modalities.choice.fit-reads = input-tokens: "), trained.getMessage());
        assertTrue(trained.getMessage().contains("fit-session-offsets = true"), trained.getMessage());
        IllegalArgumentException readout = assertThrows(IllegalArgumentException.class, () -> NedsModel.create(
                Fixtures.tiny().withStaticReadout(ModelConfig.WHOLE_TRIAL), Fixtures.bindings(Fixtures.ALL, READS_INPUT), table, 9));
        assertTrue(readout.getMessage().startsWith("model.modalities.choice.fit-reads: a readout of the input tokens "
                + "needs model.static-readout = neural"), readout.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> NedsModel.create(neuralReadout(),
                Fixtures.bindings(Fixtures.ALL, FITTED + ", fit-reads = spikes"), table, 9));
        assertEquals("model.modalities.choice.fit-reads = 'spikes': use one of [head, head-and-input-tokens, input-tokens]",
                unknown.getMessage());
    }

    private ReadoutFit fit(String keys, List<Batch> training, List<Batch> validation) {
        NedsModel model = NedsModel.create(neuralReadout(), Fixtures.bindings(Fixtures.ALL, keys), table, 9);
        MaskPlan plan = everyChoice(40);
        return model.fitSessionReadouts(List.of("choice"), training, List.of(plan, plan), validation, List.of(plan)).get("choice");
    }

    /** 40 trials of both sessions whose choice is whether neuron 0's count over the trial is above 6 (its mean). */
    private Batch countCodedChoice(int n, long seed) {
        return countCoded(n, seed, "choice", total -> total > 6 ? 1 : 0);
    }

    /** Trials of both sessions whose block is the third of neuron 0's count over the trial (0–12) it falls in. */
    private Batch countCodedBlock(int n, long seed) {
        return countCoded(n, seed, "block", total -> total < 5 ? 0 : total <= 7 ? 1 : 2);
    }

    /** Random trials but for neuron 0's counts (0–2 a bin) and {@code modality}, the class of neuron 0's total. */
    private Batch countCoded(int n, long seed, String modality, java.util.function.IntUnaryOperator classOfTotal) {
        Batch random = Fixtures.batch(Fixtures.ALL, table, alternating(n), seed, 7);
        Random rng = new Random(seed);
        Batch.Builder b = Batch.builder(0, Fixtures.ALL).trials(alternating(n), ids(n), trials(n));
        float[] spikes = floats(random, "spikes");
        float[] coded = new float[n];
        for (int i = 0; i < n; i++) {
            int total = 0;
            for (int t = 0; t < BINS; t++) {
                spikes[(i * BINS + t) * 7] = rng.nextInt(3);
                total += (int) spikes[(i * BINS + t) * 7];
            }
            coded[i] = classOfTotal.applyAsInt(total);
        }
        for (ModalitySpec m : Fixtures.ALL) {
            int w = m.perSessionWidth() ? 7 : m.width();
            b.values(m.name(), w, m.name().equals("spikes") ? spikes : m.name().equals(modality) ? coded
                    : floats(random, m.name()));
        }
        return b.build();
    }

    private static float[] floats(Batch batch, String modality) {
        java.nio.FloatBuffer buffer = batch.values(modality).duplicate();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static double[] meanCounts(float[] spikes, int trial, int neurons) {
        double[] mean = new double[neurons];
        for (int t = 0; t < BINS; t++) {
            for (int j = 0; j < neurons; j++) {
                mean[j] += spikes[(trial * BINS + t) * 7 + j] / (double) BINS;
            }
        }
        return mean;
    }

    private int[] alternating(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i % 2;
        }
        return s;
    }

    private String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = table.get(i % 2).id();
        }
        return ids;
    }

    private static int[] trials(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    /** Choice hidden and scored in every trial, spikes visible. */
    private static MaskPlan everyBlock(int n) {
        MaskPlan.Builder p = MaskPlan.builder(n, Fixtures.ALL, "test");
        for (int i = 0; i < n; i++) {
            p.mask("block", i, 0);
        }
        return p.build();
    }

    private static MaskPlan everyChoice(int n) {
        MaskPlan.Builder p = MaskPlan.builder(n, Fixtures.ALL, "test");
        for (int i = 0; i < n; i++) {
            p.mask("choice", i, 0);
        }
        return p.build();
    }
}
