package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model told that its backbone does not train (fine-tuning with the backbone frozen) skips the backbone's
 * linear weight gradients and computes every other gradient as a model training everything does, bit for bit:
 * the stitchers and session embeddings still learn through the backbone.
 */
class FrozenBackboneStepTest {

    private static final ModelConfig DROPOUT = new ModelConfig(16, 2, 2, 32, "layer", 0.3, 0.2, true, 10000, 0, 1e-5,
            DataType.FLOAT).withTimeEmbedding(true).withTimeBias(true);
    private static final List<String> LINEAR_WEIGHTS = List.of("layer0/attn/qkv/w", "layer0/attn/qkv/b",
            "layer0/attn/out/w", "layer1/mlp/fc1/w", "layer1/mlp/fc2/b");

    private final SessionTable table = Fixtures.sessions(5, 7);
    private final Batch batch = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1}, 3, 7);
    private final MaskPlan plan = Fixtures.plan(Fixtures.ALL, 5, 2);

    private static boolean backbone(String name) {
        return name.startsWith("layer") || name.startsWith("final_norm/");
    }

    private static final Predicate<String> OUTSIDE_THE_BACKBONE = name -> !backbone(name);

    @Test
    void frozenBackboneGivesTheSameGradientsElsewhereAndLeavesItsLinearWeightGradientsUntouched() {
        NedsModel everything = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        everything.parameter("layer0/mlp/fc1/w").muli(1.5);   // trained values, not the initial ones
        NedsModel frozen = everything.replica();
        frozen.trainOnly(OUTSIDE_THE_BACKBONE);

        everything.step(batch, plan, 41);
        frozen.step(batch, plan, 41);

        int compared = 0;
        for (Parameter p : everything.parameters()) {
            if (!backbone(p.name())) {
                assertArrayEquals(everything.store().gradient(p.name()).data().asFloat(),
                        frozen.store().gradient(p.name()).data().asFloat(), p.name());
                compared++;
            }
        }
        assertTrue(compared > 10, "stitchers, embeddings, heads: " + compared);
        assertTrue(frozen.store().gradient("spikes/stitch_w").amaxNumber().doubleValue() > 0,
                "the stitchers learn through the frozen backbone");
        for (String name : LINEAR_WEIGHTS) {
            assertTrue(everything.store().gradient(name).amaxNumber().doubleValue() > 0, name + " trains");
            assertEquals(0.0, frozen.store().gradient(name).amaxNumber().doubleValue(), name + " left as it was");
        }
    }

    @Test
    void replicasTrainWhatTheModelTrainsAndTrainingEverythingAgainComputesEveryGradient() {
        NedsModel everything = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        NedsModel frozen = everything.replica();
        frozen.trainOnly(OUTSIDE_THE_BACKBONE);
        NedsModel replica = frozen.replica();

        replica.step(batch, plan, 7);
        assertEquals(0.0, replica.store().gradient("layer1/attn/out/w").amaxNumber().doubleValue());

        frozen.trainOnly(name -> true);
        frozen.step(batch, plan, 7);
        everything.step(batch, plan, 7);
        assertArrayEquals(everything.store().gradients().data().asFloat(), frozen.store().gradients().data().asFloat());
        assertTrue(frozen.store().gradient("layer1/attn/out/w").amaxNumber().doubleValue() > 0);
    }
}
