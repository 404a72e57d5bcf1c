package org.nedsj.trainer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchOrderTest {

    /** Five sessions of 20 training trials: 3 batches of 8 each (8, 8, 4), 15 in an epoch. */
    private static Map<String, List<TrialRef>> fiveSessions() {
        Map<String, List<TrialRef>> trials = new LinkedHashMap<>();
        for (int s = 0; s < 5; s++) {
            String id = "s" + s;
            int session = s;
            trials.put(id, IntStream.range(0, 20).mapToObj(t -> new TrialRef(session, id, t)).toList());
        }
        return trials;
    }

    private static Map<String, Integer> widths() {
        Map<String, Integer> widths = new LinkedHashMap<>();
        fiveSessions().keySet().forEach(id -> widths.put(id, 10));
        return widths;
    }

    @Test
    void perSessionBatchesHoldOneSessionEachAndAnEpochHoldsEveryTrialOnce() {
        List<List<TrialRef>> epoch = BatchOrder.epoch(fiveSessions(), widths(), BatchOrder.Mode.PER_SESSION, 8, 7, 1);
        assertEquals(15, epoch.size());
        List<TrialRef> all = new ArrayList<>();
        for (List<TrialRef> batch : epoch) {
            assertEquals(1, batch.stream().map(TrialRef::sessionId).distinct().count(), "a batch mixes sessions");
            all.addAll(batch);
        }
        assertEquals(100, all.size());
        assertEquals(100, new HashSet<>(all).size());
    }

    /**
     * What {@code train.max-steps-per-epoch} relies on: the trainer steps through the first N batches of each
     * epoch's order, so with fewer steps than batches each epoch draws another sample of batches and trials,
     * from every session, and a few epochs draw every trial.
     */
    @Test
    void theFirstBatchesOfEachEpochAreAnotherSampleAndAFewEpochsDrawEveryTrial() {
        int steps = 10;
        Set<TrialRef> drawn = new HashSet<>();
        Set<List<TrialRef>> firstBatches = new HashSet<>();
        for (int epoch = 1; epoch <= 6; epoch++) {
            List<List<TrialRef>> sample = BatchOrder.epoch(fiveSessions(), widths(), BatchOrder.Mode.PER_SESSION, 8, 7, epoch)
                    .subList(0, steps);
            firstBatches.add(sample.get(0));
            sample.forEach(drawn::addAll);
        }
        assertTrue(firstBatches.size() >= 5, "the epochs begin with the same batch: " + firstBatches.size() + " distinct of 6");
        assertEquals(100, drawn.size(), "six epochs of 10 of 15 batches leave trials never drawn");
    }

    @Test
    void anEpochsOrderDependsOnlyOnTheSeedAndTheEpoch() {
        var a = BatchOrder.epoch(fiveSessions(), widths(), BatchOrder.Mode.MIXED, 8, 7, 3);
        assertEquals(a, BatchOrder.epoch(fiveSessions(), widths(), BatchOrder.Mode.MIXED, 8, 7, 3));
        assertNotEquals(a, BatchOrder.epoch(fiveSessions(), widths(), BatchOrder.Mode.MIXED, 8, 7, 4));
        assertNotEquals(a, BatchOrder.epoch(fiveSessions(), widths(), BatchOrder.Mode.MIXED, 8, 8, 3));
    }
}
