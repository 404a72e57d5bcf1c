package org.nedsj.model;

import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;

import java.nio.FloatBuffer;

/** Consecutive trials of a batch and of its mask plan, as a batch and a plan of their own (a shard). */
public final class BatchSlices {

    private BatchSlices() {
    }

    /** Trials {@code from} (inclusive) to {@code to} (exclusive) of {@code batch}, with the batch's index. */
    public static Batch trials(Batch batch, int from, int to) {
        check(batch.size(), from, to);
        int n = to - from;
        int[] sessions = new int[n];
        String[] ids = new String[n];
        int[] trials = new int[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = batch.session(from + i);
            ids[i] = batch.sessionId(from + i);
            trials[i] = batch.trial(from + i);
        }
        Batch.Builder slice = Batch.builder(batch.index(), batch.modalities()).trials(sessions, ids, trials);
        for (ModalitySpec m : batch.modalities()) {
            FloatBuffer values = batch.values(m.name());
            int perTrial = values.limit() / Math.max(batch.size(), 1);
            float[] own = new float[n * perTrial];
            values.position(from * perTrial);
            values.get(own);
            slice.values(m.name(), batch.width(m.name()), own);
        }
        return slice.build();
    }

    /** Trials {@code from} (inclusive) to {@code to} (exclusive) of {@code plan}, schemes included. */
    public static MaskPlan trials(MaskPlan plan, java.util.List<ModalitySpec> modalities, int from, int to) {
        check(plan.size(), from, to);
        MaskPlan.Builder slice = MaskPlan.builder(to - from, modalities, plan.scheme(from));
        for (int i = from; i < to; i++) {
            slice.copyTrial(plan, i, i - from);
        }
        return slice.build();
    }

    private static void check(int size, int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("trials " + from + " to " + to + " of a batch of " + size);
        }
    }
}
