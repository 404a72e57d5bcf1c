package org.nedsj.trainer.analysis;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.spi.MaskPlan;

import java.util.Arrays;

/**
 * Where the tokens of one modality look in another, by time offset: for every query token of
 * modality Q at bin t that the mask plan hides (a behaviour token being decoded, say), the share of
 * its attention over the tokens of modality K that falls on K's bin t + d, averaged over tokens,
 * heads and trials, per layer. A model that decodes a bin from the spikes of that bin puts most of
 * the share near d = 0; one that cannot tell bins apart spreads it evenly.
 */
public final class AttentionOffsets {

    private final String query;
    private final int queryOffset;
    private final int queryTokens;
    private final int keyOffset;
    private final int keyTokens;
    private final int maxOffset;
    private final double[][] share;
    private final long[] counts;

    /**
     * @param queryOffset index of the query modality's first token in the model's token order
     * @param keyOffset   index of the key modality's first token
     * @param maxOffset   largest |d| kept in the profile (the share beyond is still in the totals)
     */
    public AttentionOffsets(String query, int queryOffset, int queryTokens, int keyOffset, int keyTokens, int layers,
                            int maxOffset) {
        this.query = query;
        this.queryOffset = queryOffset;
        this.queryTokens = queryTokens;
        this.keyOffset = keyOffset;
        this.keyTokens = keyTokens;
        this.maxOffset = maxOffset;
        this.share = new double[layers][2 * maxOffset + 1];
        this.counts = new long[layers];
    }

    /** Adds one batch: {@code attention} per layer [B, heads, L, L], and the plan that masked it. */
    public void add(java.util.List<INDArray> attention, MaskPlan plan) {
        int batch = plan.size();
        float[] hidden = new float[batch * queryTokens];
        plan.copyHidden(query, hidden, 0);
        for (int layer = 0; layer < attention.size(); layer++) {
            INDArray a = attention.get(layer);
            int heads = (int) a.size(1);
            int tokens = (int) a.size(2);
            float[] p = a.dup('c').data().asFloat();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < queryTokens; t++) {
                    if (hidden[b * queryTokens + t] == 0) {
                        continue;
                    }
                    for (int h = 0; h < heads; h++) {
                        long row = (((long) b * heads + h) * tokens + queryOffset + t) * tokens + keyOffset;
                        addRow(layer, p, row, t);
                    }
                }
            }
        }
    }

    private void addRow(int layer, float[] p, long row, int t) {
        double total = 0;
        for (int k = 0; k < keyTokens; k++) {
            total += p[(int) (row + k)];
        }
        if (total <= 0) {
            return;
        }
        for (int k = 0; k < keyTokens; k++) {
            int d = k - Math.round((float) t * keyTokens / queryTokens);
            if (Math.abs(d) <= maxOffset) {
                share[layer][d + maxOffset] += p[(int) (row + k)] / total;
            }
        }
        counts[layer]++;
    }

    public int layers() {
        return share.length;
    }

    public int maxOffset() {
        return maxOffset;
    }

    /** Mean share of the key modality's attention at offset d ∈ [−maxOffset, maxOffset], for {@code layer}. */
    public double[] profile(int layer) {
        double[] out = share[layer].clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = counts[layer] > 0 ? out[i] / counts[layer] : Double.NaN;
        }
        return out;
    }

    /** Share within |d| ≤ radius. */
    public double within(int layer, int radius) {
        double[] p = profile(layer);
        return Arrays.stream(p, maxOffset - radius, maxOffset + radius + 1).sum();
    }

    /** The share a uniform spread over the key tokens would put within |d| ≤ radius (for bins away from the edges). */
    public double uniformWithin(int radius) {
        return (2.0 * radius + 1) / keyTokens;
    }

    /** Query tokens counted (per head) in {@code layer}. */
    public long rows(int layer) {
        return counts[layer];
    }
}
