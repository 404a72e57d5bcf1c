package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class NedsModelTest {

    /**
     * A smaller batch after a larger one runs in views of the larger batch's work arrays; its
     * losses, gradients (dropout on) and predictions must be those of a model that never saw the
     * larger batch, and the larger batch after it must be unaffected too.
     */
    @Test
    void batchSizesThatChangeBetweenStepsGiveTheResultsOfFreshModels() {
        ModelConfig config = new ModelConfig(16, 2, 2, 32, "layer", 0.3, 0.2, true, 10000, 0, 1e-5,
                org.nd4j.linalg.api.buffer.DataType.FLOAT).withTimeEmbedding(true).withTimeBias(true);
        SessionTable table = Fixtures.sessions(5, 7);
        Batch large = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1}, 3, 7);
        Batch small = Fixtures.batch(Fixtures.ALL, table, new int[]{1, 0}, 4, 7);
        MaskPlan largePlan = Fixtures.plan(Fixtures.ALL, 5, 2);
        MaskPlan smallPlan = Fixtures.plan(Fixtures.ALL, 2, 3);

        NedsModel reused = NedsModel.create(config, Fixtures.bindings(Fixtures.ALL), table, 9);
        reused.step(large, largePlan, 1);
        StepResult smallAfterLarge = copy(reused.step(small, smallPlan, 2));
        Map<String, INDArray> predictedAfterLarge = reused.predict(small, smallPlan);
        StepResult largeAgain = copy(reused.step(large, largePlan, 3));

        NedsModel fresh = NedsModel.create(config, Fixtures.bindings(Fixtures.ALL), table, 9);
        StepResult smallFresh = copy(fresh.step(small, smallPlan, 2));
        Map<String, INDArray> predictedFresh = fresh.predict(small, smallPlan);
        StepResult largeFresh = NedsModel.create(config, Fixtures.bindings(Fixtures.ALL), table, 9).step(large, largePlan, 3);

        assertSame(smallFresh, smallAfterLarge);
        assertSame(largeFresh, largeAgain);
        for (String m : predictedFresh.keySet()) {
            assertEquals(predictedFresh.get(m), predictedAfterLarge.get(m), m);
        }
    }

    /** A step's gradients are live arrays that the next step overwrites. */
    private static StepResult copy(StepResult r) {
        Map<String, INDArray> gradients = new java.util.HashMap<>();
        r.gradients().forEach((k, v) -> gradients.put(k, v.dup()));
        return new StepResult(r.loss(), r.modalityLosses(), gradients);
    }

    private static void assertSame(StepResult expected, StepResult actual) {
        assertEquals(expected.loss(), actual.loss(), 0.0);
        for (var e : expected.gradients().entrySet()) {
            assertEquals(e.getValue(), actual.gradients().get(e.getKey()), "gradient of " + e.getKey());
        }
    }

    @Test
    void mixedSessionBatchRunsForwardAndBackwardWithPerSessionShapes() {
        SessionTable table = Fixtures.sessions(120, 700);
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL), table, 7);
        int[] sessions = {0, 1, 1, 0};
        Batch batch = Fixtures.batch(Fixtures.ALL, table, sessions, 1, 700);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 4, 3);

        StepResult step = model.step(batch, plan, 1);
        assertTrue(Double.isFinite(step.loss()));
        assertEquals(5, step.modalityLosses().size());
        INDArray stitchGrad = step.gradients().get("spikes/stitch_w");
        assertArrayEquals(new long[]{2, 700, 16}, stitchGrad.shape());
        // padding rows of the 120-neuron session's stitcher get no gradient
        assertEquals(0.0, stitchGrad.slice(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(120, 700),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).amaxNumber().doubleValue(), 0.0);
        assertTrue(stitchGrad.slice(1).amaxNumber().doubleValue() > 0);

        Map<String, INDArray> predictions = model.predict(batch, plan);
        assertArrayEquals(new long[]{4, 6, 700}, predictions.get("spikes").shape());
        assertArrayEquals(new long[]{4, 6, 1}, predictions.get("wheel").shape());
        assertArrayEquals(new long[]{4, 2}, predictions.get("choice").shape());
        assertArrayEquals(new long[]{4, 3}, predictions.get("block").shape());
    }

    @Test
    void aTrialsOutputsDoNotDependOnTheOtherTrialsOfTheBatch() {
        SessionTable table = Fixtures.sessions(120, 700);
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL), table, 7);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 3, 3);
        Batch first = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1}, 1, 700);
        Batch other = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 0, 1}, 99, 700);
        Batch mixed = spliceFirstTrial(first, other);

        Map<String, INDArray> a = model.predict(first, plan);
        Map<String, INDArray> b = model.predict(mixed, plan);
        for (String m : a.keySet()) {
            INDArray x = a.get(m).slice(0);
            INDArray y = b.get(m).slice(0);
            assertEquals(0.0, x.sub(y).amaxNumber().doubleValue(), 1e-5, m + " of trial 0 changed with its neighbours");
        }
        // and the neighbours really differ
        assertTrue(a.get("wheel").slice(1).sub(b.get("wheel").slice(1)).amaxNumber().doubleValue() > 1e-4);
    }

    /** Trial 0 of {@code first}, the rest from {@code other}. */
    private static Batch spliceFirstTrial(Batch first, Batch other) {
        int n = first.size();
        int[] sessions = new int[n];
        String[] ids = new String[n];
        int[] trials = new int[n];
        for (int i = 0; i < n; i++) {
            Batch src = i == 0 ? first : other;
            sessions[i] = src.session(i);
            ids[i] = src.sessionId(i);
            trials[i] = src.trial(i);
        }
        Batch.Builder b = Batch.builder(0, first.modalities()).trials(sessions, ids, trials);
        for (var m : first.modalities()) {
            int w = first.width(m.name());
            int per = m.tokensPerTrial() * w;
            float[] v = new float[n * per];
            other.values(m.name()).get(v);
            first.values(m.name()).get(v, 0, per);
            b.values(m.name(), w, v);
        }
        return b.build();
    }

    /** A saved model loads with the engine it was saved with, and predicts identically. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {ModelConfig.FUSED, ModelConfig.SAMEDIFF})
    void savedAndLoadedModelPredictsIdentically(String engine, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SessionTable table = Fixtures.sessions(30, 50);
        NedsModel model = NedsModel.create(Fixtures.tiny().withTimeEmbedding(true).withTimeBias(true).withStaticTokens(3)
                        .withStaticReadout(ModelConfig.WHOLE_TRIAL).withEngine(engine), Fixtures.bindings(Fixtures.ALL), table, 11);
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 0}, 2, 50);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 3, 2);
        model.parameter("layer0/mlp/fc1/w").muli(1.5);   // not the initial values any more
        java.nio.file.Path file = dir.resolve("model.zip");
        ModelStore.save(model, file);

        NedsModel loaded = ModelStore.load(file, Fixtures.CODECS);
        assertEquals(model.config(), loaded.config());
        assertEquals(model.engine().getClass(), loaded.engine().getClass());
        assertEquals(model.parameterCount(), loaded.parameterCount());
        Map<String, INDArray> a = model.predict(batch, plan);
        Map<String, INDArray> b = loaded.predict(batch, plan);
        for (String m : a.keySet()) {
            assertEquals(a.get(m), b.get(m), m);
        }
        assertEquals(java.util.List.of("s0", "s1"), loaded.sessions().sessions().stream().map(s -> s.id()).toList());
    }

    /** The weights are stored, not deflated, and a flipped byte among them is caught by the entry's checksum. */
    @Test
    void savedWeightsAreStoredAndADamagedByteIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL), Fixtures.sessions(30, 50), 11);
        java.nio.file.Path file = dir.resolve("model.zip");
        ModelStore.save(model, Map.of("m", model.store().values().mul(0.5)), file);
        byte[] weights;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            assertEquals(java.util.zip.ZipEntry.STORED, zip.getEntry("parameters").getMethod());
            assertEquals(java.util.zip.ZipEntry.STORED, zip.getEntry("extra/m").getMethod());
            weights = zip.getInputStream(zip.getEntry("parameters")).readAllBytes();
        }
        ModelStore.Loaded loaded = ModelStore.loadWithExtras(file, Fixtures.CODECS);
        assertEquals(model.store().values(), loaded.model().store().values());
        assertEquals(model.store().values().mul(0.5), loaded.extras().get("m"));

        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        int middle = weights.length / 2;                    // the weights' bytes lie in the file as they are
        int at = indexOf(bytes, java.util.Arrays.copyOfRange(weights, middle - 16, middle + 16)) + 16;
        bytes[at] ^= 0x10;
        java.nio.file.Files.write(file, bytes);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> ModelStore.load(file, Fixtures.CODECS));
        assertTrue(e.getMessage().contains("is not a readable NEDS-J model"), e.getMessage());
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("the stored weights' bytes are not in the file");
    }

    @Test
    void addingASessionKeepsSharedWeightsAndOldStitchers() {
        SessionTable table = Fixtures.sessions(30, 50);
        NedsModel model = NedsModel.create(Fixtures.tiny(), Fixtures.bindings(Fixtures.ALL), table, 11);
        NedsModel grown = model.withSessions(java.util.List.of(new org.nedsj.spi.SessionInfo("new", 80, 5, 1, 1, "t")));

        assertEquals(3, grown.sessions().size());
        assertEquals(model.parameter("layer1/attn/qkv/w"), grown.parameter("layer1/attn/qkv/w"));
        INDArray oldStitch = model.parameter("spikes/stitch_w").slice(1);                 // [50, H]
        INDArray kept = grown.parameter("spikes/stitch_w").slice(1)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 50), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(oldStitch, kept);
        assertArrayEquals(new long[]{3, 80, 16}, grown.parameter("spikes/stitch_w").shape());
        // the old sessions predict as before
        Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1}, 2, 50);
        MaskPlan plan = Fixtures.plan(Fixtures.ALL, 2, 2);
        INDArray before = model.predict(batch, plan).get("wheel");
        INDArray after = grown.predict(batch, plan).get("wheel");
        assertEquals(0.0, before.sub(after).amaxNumber().doubleValue(), 1e-5);
    }
}
