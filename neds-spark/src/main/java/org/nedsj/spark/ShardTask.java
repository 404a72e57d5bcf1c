package org.nedsj.spark;

import org.nedsj.model.BatchShard;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;

import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's part of a step, in a form Spark can ship: the trials of its shard (a {@link Batch} and
 * its {@link MaskPlan}, taken apart into arrays), where the shard starts in the whole batch, its
 * share of each modality's loss, and the step's dropout seed.
 */
record ShardTask(int partition, long batchIndex, List<Spec> specs, int[] sessions, String[] sessionIds, int[] trials,
                 Map<String, float[]> values, Map<String, Integer> widths, Map<String, BitSet> hidden,
                 Map<String, BitSet> targets, String[] schemes, int firstTrial, Map<String, Double> lossShares,
                 long noiseSeed) implements Serializable {

    /** A {@link ModalitySpec}'s fields (the record itself is not serialisable). */
    record Spec(String name, ModalitySpec.Kind kind, ModalitySpec.Role role, int tokensPerTrial, int width, int classes)
            implements Serializable {

        static Spec of(ModalitySpec m) {
            return new Spec(m.name(), m.kind(), m.role(), m.tokensPerTrial(), m.width(), m.classes());
        }

        ModalitySpec spec() {
            return new ModalitySpec(name, kind, role, tokensPerTrial, width, classes);
        }
    }

    static ShardTask of(int partition, Batch shard, MaskPlan plan, BatchShard part, long noiseSeed) {
        int n = shard.size();
        int[] sessions = new int[n];
        String[] ids = new String[n];
        int[] trials = new int[n];
        String[] schemes = new String[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = shard.session(i);
            ids[i] = shard.sessionId(i);
            trials[i] = shard.trial(i);
            schemes[i] = plan.scheme(i);
        }
        List<Spec> specs = new ArrayList<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Integer> widths = new LinkedHashMap<>();
        Map<String, BitSet> hidden = new LinkedHashMap<>();
        Map<String, BitSet> targets = new LinkedHashMap<>();
        for (ModalitySpec m : shard.modalities()) {
            specs.add(Spec.of(m));
            FloatBuffer v = shard.values(m.name());
            float[] own = new float[v.remaining()];
            v.get(own);
            values.put(m.name(), own);
            widths.put(m.name(), shard.width(m.name()));
            BitSet h = new BitSet();
            BitSet t = new BitSet();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < m.tokensPerTrial(); k++) {
                    h.set(i * m.tokensPerTrial() + k, plan.isHidden(m.name(), i, k));
                    t.set(i * m.tokensPerTrial() + k, plan.isTarget(m.name(), i, k));
                }
            }
            hidden.put(m.name(), h);
            targets.put(m.name(), t);
        }
        return new ShardTask(partition, shard.index(), specs, sessions, ids, trials, values, widths, hidden, targets,
                schemes, part.firstTrial(), new LinkedHashMap<>(part.lossShares()), noiseSeed);
    }

    List<ModalitySpec> modalities() {
        return specs.stream().map(Spec::spec).toList();
    }

    Batch batch() {
        Batch.Builder b = Batch.builder(batchIndex, modalities()).trials(sessions, sessionIds, trials);
        values.forEach((m, v) -> b.values(m, widths.get(m), v.clone()));
        return b.build();
    }

    MaskPlan plan() {
        MaskPlan.Builder b = MaskPlan.builder(trials.length, modalities(), schemes.length > 0 ? schemes[0] : "none");
        for (Spec m : specs) {
            int t = m.tokensPerTrial();
            BitSet h = hidden.get(m.name());
            BitSet target = targets.get(m.name());
            for (int i = h.nextSetBit(0); i >= 0; i = h.nextSetBit(i + 1)) {
                if (target.get(i)) {
                    b.mask(m.name(), i / t, i % t);
                } else {
                    b.hideOnly(m.name(), i / t, i % t);
                }
            }
        }
        for (int i = 0; i < schemes.length; i++) {
            b.scheme(i, schemes[i]);
        }
        return b.build();
    }

    BatchShard part() {
        return new BatchShard(firstTrial, lossShares);
    }
}
