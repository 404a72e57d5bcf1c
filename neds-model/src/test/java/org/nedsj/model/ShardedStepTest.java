package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The steps of a batch's shards add up to the step of the whole batch: each shard draws the dropout
 * noise its trials get in the whole batch, and weights each modality's mean loss by its share of the
 * whole batch's target values, so the summed shard gradients equal the whole-batch gradient (up to
 * float summation order) and the share-weighted shard losses equal the whole-batch losses.
 */
class ShardedStepTest {

    private static final ModelConfig DROPOUT = new ModelConfig(16, 2, 2, 32, "layer", 0.3, 0.2, true, 10000, 0, 1e-5,
            DataType.FLOAT).withTimeEmbedding(true).withTimeBias(true);

    private final SessionTable table = Fixtures.sessions(5, 7);
    private final Batch whole = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1, 0, 0}, 3, 7);
    private final MaskPlan plan = Fixtures.plan(Fixtures.ALL, 7, 2);

    @Test
    void shardGradientsSumToTheWholeBatchGradient() {
        NedsModel model = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        StepResult all = model.step(whole, plan, 77);
        float[] expected = all.gradientBuffer().dup().data().asFloat();
        Map<String, Double> wholeLosses = new HashMap<>(all.modalityLosses());
        Map<String, Double> totals = model.targetValues(whole, plan);

        NedsModel replica = model.replica();
        INDArray sum = all.gradientBuffer().dup().assign(0);
        Map<String, Double> combined = new HashMap<>();
        int[] cuts = {0, 3, 4, 7};
        for (int s = 0; s + 1 < cuts.length; s++) {
            ShardSlice shard = model.shard(whole, plan, cuts[s], cuts[s + 1], totals);
            StepResult r = replica.step(shard.batch(), shard.plan(), 77, shard.part());
            sum.addi(r.gradientBuffer());
            r.modalityLosses().forEach((m, loss) -> combined.merge(m, loss * shard.part().share(m), Double::sum));
        }
        float[] actual = sum.data().asFloat();
        float scale = 0f;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-5f * scale, "gradient entry " + k);
        }
        wholeLosses.forEach((m, loss) -> assertEquals(loss, combined.get(m), 1e-6 * Math.max(1, Math.abs(loss)), m));
    }

    @Test
    void targetValuesCountRealNeuronsOfTargetTokensAndOnePerStaticToken() {
        NedsModel model = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        Batch two = BatchSlices.trials(whole, 0, 2);                  // sessions 0 (5 neurons) and 1 (7)
        MaskPlan twoPlan = BatchSlices.trials(plan, Fixtures.ALL, 0, 2);
        Map<String, Double> n = model.targetValues(two, twoPlan);
        // every 2nd token, (t + i) even: trial 0 tokens 0,2,4; trial 1 tokens 1,3,5 -> 3 each
        assertEquals(3 * 5 + 3 * 7, n.get("spikes"), 0.0);
        assertEquals(6, n.get("wheel"), 0.0);
        assertEquals(1, n.get("choice"), 0.0);              // only odd trials' static token is a target
    }
}
