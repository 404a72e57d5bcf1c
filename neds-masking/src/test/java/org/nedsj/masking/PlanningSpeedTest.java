package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nedsj.masking.Batches.IBL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskingScheme;

/**
 * Planning runs every training step: a batch of 16 IBL trials (302 tokens each) must plan in well
 * under a millisecond. The bound asserted is loose (shared, slow CI machines); the figure is printed.
 */
class PlanningSpeedTest {

    @ParameterizedTest
    @ValueSource(strings = {"encoding", "decoding", "self-modality", "cross-modality", "random-token", "mixed"})
    void plansSixteenTrialsOfThreeHundredTwoTokensInWellUnderAMillisecond(String name) {
        MaskingScheme scheme = Batches.scheme(name);
        Batch[] batches = new Batch[64];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = Batches.zeros(i, 16, IBL);
        }
        for (int i = 0; i < 3000; i++) {
            scheme.plan(batches[i % batches.length], 42);
        }
        int rounds = 3000;
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            sink += scheme.plan(batches[i % batches.length], 42).size();
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf("%s: %.1f µs per 16×302 plan (%d)%n", name, micros, sink);
        assertTrue(micros < 1000, name + " took " + micros + " µs per plan");
    }
}
