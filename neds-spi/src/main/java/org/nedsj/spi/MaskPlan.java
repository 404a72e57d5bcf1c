package org.nedsj.spi;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tokens of a batch are hidden from the model's input and which are loss targets, per
 * modality, as flat [trial, token] grids. Every target is hidden, and no trial has every token
 * hidden: the constructor checks both.
 */
public final class MaskPlan {

    private final int size;
    private final Map<String, Integer> tokens;
    private final Map<String, BitSet> hidden;
    private final Map<String, BitSet> target;
    private final String[] schemes;

    private MaskPlan(Builder b) {
        this.size = b.size;
        this.tokens = Map.copyOf(b.tokens);
        this.hidden = copy(b.hidden);
        this.target = copy(b.target);
        this.schemes = b.schemes.clone();
        validate();
    }

    private static Map<String, BitSet> copy(Map<String, BitSet> m) {
        var out = new LinkedHashMap<String, BitSet>();
        m.forEach((k, v) -> out.put(k, (BitSet) v.clone()));
        return out;
    }

    private void validate() {
        for (var e : target.entrySet()) {
            BitSet visibleTargets = (BitSet) e.getValue().clone();
            visibleTargets.andNot(hidden.get(e.getKey()));
            if (!visibleTargets.isEmpty()) {
                int flat = visibleTargets.nextSetBit(0);
                int t = tokens.get(e.getKey());
                throw new IllegalStateException("scheme " + schemes[flat / t] + " left a target visible: modality "
                        + e.getKey() + ", trial " + flat / t + ", token " + flat % t);
            }
        }
        int total = tokens.values().stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < size; i++) {
            int hiddenCount = 0;
            for (var e : hidden.entrySet()) {
                int t = tokens.get(e.getKey());
                hiddenCount += e.getValue().get(i * t, (i + 1) * t).cardinality();
            }
            if (hiddenCount == total) {
                throw new IllegalStateException("scheme " + schemes[i] + " hid every token of trial " + i);
            }
        }
    }

    public int size() {
        return size;
    }

    public List<String> modalities() {
        return List.copyOf(tokens.keySet());
    }

    public int tokens(String modality) {
        return require(tokens, modality);
    }

    public boolean isHidden(String modality, int trial, int token) {
        return require(hidden, modality).get(trial * tokens(modality) + token);
    }

    public boolean isTarget(String modality, int trial, int token) {
        return require(target, modality).get(trial * tokens(modality) + token);
    }

    /** Writes 1 for hidden and 0 for visible tokens into {@code dest}, [size, tokens] row-major. */
    public void copyHidden(String modality, float[] dest, int offset) {
        fill(require(hidden, modality), dest, offset, size * tokens(modality));
    }

    /** Writes 1 for target and 0 for other tokens into {@code dest}, [size, tokens] row-major. */
    public void copyTarget(String modality, float[] dest, int offset) {
        fill(require(target, modality), dest, offset, size * tokens(modality));
    }

    public int hiddenCount(String modality) {
        return require(hidden, modality).cardinality();
    }

    public int targetCount(String modality) {
        return require(target, modality).cardinality();
    }

    /** The scheme that planned trial {@code trial} (a mixed scheme names the one it drew). */
    public String scheme(int trial) {
        return schemes[trial];
    }

    private static void fill(BitSet bits, float[] dest, int offset, int n) {
        Arrays.fill(dest, offset, offset + n, 0f);
        for (int i = bits.nextSetBit(0); i >= 0 && i < n; i = bits.nextSetBit(i + 1)) {
            dest[offset + i] = 1f;
        }
    }

    private static <V> V require(Map<String, V> map, String modality) {
        V v = map.get(modality);
        if (v == null) {
            throw new IllegalArgumentException("mask plan has no modality " + modality + "; it has " + map.keySet());
        }
        return v;
    }

    public static Builder builder(int size, List<ModalitySpec> modalities, String scheme) {
        return new Builder(size, modalities, scheme);
    }

    /** Starts with every token visible and no targets. */
    public static final class Builder {
        private final int size;
        private final Map<String, Integer> tokens = new LinkedHashMap<>();
        private final Map<String, BitSet> hidden = new LinkedHashMap<>();
        private final Map<String, BitSet> target = new LinkedHashMap<>();
        private final String[] schemes;

        private Builder(int size, List<ModalitySpec> modalities, String scheme) {
            this.size = size;
            for (ModalitySpec m : modalities) {
                tokens.put(m.name(), m.tokensPerTrial());
                hidden.put(m.name(), new BitSet(size * m.tokensPerTrial()));
                target.put(m.name(), new BitSet(size * m.tokensPerTrial()));
            }
            this.schemes = new String[size];
            Arrays.fill(schemes, scheme);
        }

        /** Hides the token from the input and makes it a loss target. */
        public Builder mask(String modality, int trial, int token) {
            int i = trial * require(tokens, modality) + token;
            hidden.get(modality).set(i);
            target.get(modality).set(i);
            return this;
        }

        /** Hides the token from the input without scoring it. */
        public Builder hideOnly(String modality, int trial, int token) {
            hidden.get(modality).set(trial * require(tokens, modality) + token);
            return this;
        }

        /** Masks every token of {@code modality} in trial {@code trial}. */
        public Builder maskAll(String modality, int trial) {
            int t = require(tokens, modality);
            hidden.get(modality).set(trial * t, (trial + 1) * t);
            target.get(modality).set(trial * t, (trial + 1) * t);
            return this;
        }

        /** Copies trial {@code from} of {@code other} into trial {@code to} of this plan (for mixing schemes per trial). */
        public Builder copyTrial(MaskPlan other, int from, int to) {
            for (var e : tokens.entrySet()) {
                int t = e.getValue();
                for (int k = 0; k < t; k++) {
                    hidden.get(e.getKey()).set(to * t + k, other.isHidden(e.getKey(), from, k));
                    target.get(e.getKey()).set(to * t + k, other.isTarget(e.getKey(), from, k));
                }
            }
            schemes[to] = other.scheme(from);
            return this;
        }

        public Builder scheme(int trial, String name) {
            schemes[trial] = name;
            return this;
        }

        public MaskPlan build() {
            return new MaskPlan(this);
        }
    }
}
