package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A step is a function of the parameters, the batch, the mask plan and the noise seed: dropout
 * noise comes from the seed passed in, no global random state is read or changed, and two models
 * share no work arrays, so two replicas stepping at once in two threads give what they give
 * stepping one after the other. Not bit for bit: ND4J splits a reduction over the OpenMP threads
 * free at the time, so two steps running at once may sum in another order (float round-off, about
 * 1e-7 relative), while a shared work array would corrupt whole values.
 */
class PureStepTest {

    private static final ModelConfig DROPOUT = new ModelConfig(16, 2, 2, 32, "layer", 0.3, 0.2, true, 10000, 0, 1e-5,
            DataType.FLOAT).withTimeEmbedding(true).withTimeBias(true);

    private final SessionTable table = Fixtures.sessions(5, 7);
    private final Batch first = Fixtures.batch(Fixtures.ALL, table, new int[]{0, 1, 1, 0, 1}, 3, 7);
    private final Batch second = Fixtures.batch(Fixtures.ALL, table, new int[]{1, 1, 0, 0, 0}, 4, 7);
    private final MaskPlan firstPlan = Fixtures.plan(Fixtures.ALL, 5, 2);
    private final MaskPlan secondPlan = Fixtures.plan(Fixtures.ALL, 5, 3);

    /** What a step gives: its total loss and a copy of the flat gradient buffer. */
    private record Outcome(double loss, float[] gradients) {
    }

    private static Outcome step(NedsModel model, Batch batch, MaskPlan plan, long seed) {
        StepResult r = model.step(batch, plan, seed);
        return new Outcome(r.loss(), r.gradientBuffer().dup().data().asFloat());
    }

    @Test
    void twoReplicasSteppingInTwoThreadsMatchSteppingOneAfterTheOther() throws Exception {
        NedsModel a = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        a.parameter("layer0/mlp/fc1/w").muli(1.5);   // trained values, not the initial ones
        NedsModel b = a.replica();
        assertEquals(a.store().values(), b.store().values());

        int rounds = 4;
        Outcome[][] alone = new Outcome[2][rounds];
        NedsModel soloA = a.replica();
        NedsModel soloB = a.replica();
        for (int i = 0; i < rounds; i++) {
            alone[0][i] = step(soloA, first, firstPlan, 100 + i);
            alone[1][i] = step(soloB, second, secondPlan, 200 + i);
        }

        Outcome[][] together = new Outcome[2][rounds];
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = threads.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    start.await();
                    together[0][i] = step(a, first, firstPlan, 100 + i);
                }
                return null;
            });
            Future<?> two = threads.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    start.await();
                    together[1][i] = step(b, second, secondPlan, 200 + i);
                }
                return null;
            });
            one.get();
            two.get();
        } finally {
            threads.shutdownNow();
        }
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < rounds; i++) {
                double loss = alone[r][i].loss();
                assertEquals(loss, together[r][i].loss(), 1e-6 * Math.abs(loss), "loss of replica " + r + ", step " + i);
                assertClose(alone[r][i].gradients(), together[r][i].gradients(), "gradients of replica " + r + ", step " + i);
            }
        }
    }

    /** Equal up to float round-off relative to the largest gradient entry. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        float scale = 0f;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-5f * scale, what + ", entry " + k);
        }
    }

    @Test
    void dropoutNoiseComesFromTheSeedPassedInAndNotFromGlobalState() {
        NedsModel model = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        Outcome once = step(model, first, firstPlan, 7);
        Nd4j.getRandom().setSeed(12345);
        Outcome again = step(model, first, firstPlan, 7);
        double next = Nd4j.getRandom().nextDouble();
        Nd4j.getRandom().setSeed(12345);
        assertEquals(Nd4j.getRandom().nextDouble(), next, 0.0, "the step used or reseeded the thread's ND4J generator");
        assertEquals(once.loss(), again.loss(), 0.0);
        assertArrayEquals(once.gradients(), again.gradients(), 0f);
        assertNotEquals(once.loss(), step(model, first, firstPlan, 8).loss(), "another seed, other dropout masks");
    }

    @Test
    void theStepsGradientsAreViewsOfOneFlatBufferLaidOutAsTheStore() {
        NedsModel model = NedsModel.create(DROPOUT, Fixtures.bindings(Fixtures.ALL), table, 9);
        StepResult r = model.step(first, firstPlan, 1);
        ParameterStore store = model.store();
        assertEquals(store.size(), r.gradientBuffer().length());
        for (ParameterStore.Slot s : store.slots()) {
            INDArray view = r.gradients().get(s.name());
            assertEquals(view, store.view(r.gradientBuffer(), s.name()), s.name());
            view.putScalar(0, 42f);
            assertEquals(42f, r.gradientBuffer().getFloat(s.offset()), 0f, s.name() + " is not a view of the buffer");
            model.parameter(s.name()).putScalar(0, 7f);
            assertEquals(7f, store.values().getFloat(s.offset()), 0f, s.name() + " is not a view of the value buffer");
        }
        assertEquals(store.size(), model.parameterCount());
    }
}
