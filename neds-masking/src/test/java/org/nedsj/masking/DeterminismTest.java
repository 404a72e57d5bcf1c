package org.nedsj.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.nedsj.masking.Batches.IBL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nedsj.spi.MaskingScheme;

class DeterminismTest {

    @ParameterizedTest
    @ValueSource(strings = {"encoding", "decoding", "self-modality", "cross-modality", "random-token", "mixed"})
    void theSameSeedAndIndexGiveTheSamePlanEvenFromAFreshScheme(String name) {
        String first = Batches.fingerprint(Batches.scheme(name).plan(Batches.zeros(12, 8, IBL), 42));
        String again = Batches.fingerprint(Batches.scheme(name).plan(Batches.zeros(12, 8, IBL), 42));
        assertEquals(first, again);
    }

    @ParameterizedTest
    @ValueSource(strings = {"encoding", "decoding", "self-modality", "cross-modality", "random-token", "mixed"})
    void plansDependOnTheBatchShapeNotItsValues(String name) {
        MaskingScheme scheme = Batches.scheme(name);
        assertEquals(Batches.fingerprint(scheme.plan(Batches.zeros(5, 8, IBL), 42)),
                Batches.fingerprint(scheme.plan(Batches.randomValues(5, 8, IBL, 99), 42)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"self-modality", "cross-modality", "random-token", "mixed"})
    void anotherIndexOrSeedGivesAnotherPlan(String name) {
        MaskingScheme scheme = Batches.scheme(name);
        String plan = Batches.fingerprint(scheme.plan(Batches.zeros(12, 8, IBL), 42));
        assertNotEquals(plan, Batches.fingerprint(scheme.plan(Batches.zeros(13, 8, IBL), 42)));
        assertNotEquals(plan, Batches.fingerprint(scheme.plan(Batches.zeros(12, 8, IBL), 43)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"self-modality", "random-token", "mixed"})
    void oneSchemeSharedByFourThreadsPlansAsItDoesAlone(String name) throws Exception {
        MaskingScheme scheme = Batches.scheme(name);
        var expected = new String[40];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Batches.fingerprint(scheme.plan(Batches.zeros(i, 8, IBL), 5));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < expected.length; i++) {
                    long index = i;
                    futures.add(pool.submit(() -> Batches.fingerprint(scheme.plan(Batches.zeros(index, 8, IBL), 5))));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                assertEquals(expected[f % expected.length], futures.get(f).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"self-modality", "cross-modality", "random-token", "mixed"})
    void planningOtherBatchesInBetweenChangesNothing(String name) {
        MaskingScheme scheme = Batches.scheme(name);
        String before = Batches.fingerprint(scheme.plan(Batches.zeros(3, 8, IBL), 7));
        for (long index = 0; index < 20; index++) {
            scheme.plan(Batches.zeros(index, 8, IBL), 7);
        }
        assertEquals(before, Batches.fingerprint(scheme.plan(Batches.zeros(3, 8, IBL), 7)));
    }
}
