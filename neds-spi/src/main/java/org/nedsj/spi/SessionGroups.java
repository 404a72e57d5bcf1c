package org.nedsj.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials of a batch grouped by session, so that per-session parameters apply to a whole group
 * with one matrix product: a batch of one session (the usual case) needs no copying at all.
 */
public final class SessionGroups {

    private final int size;
    private final Map<Integer, int[]> groups = new LinkedHashMap<>();

    public SessionGroups(int[] sessionOfTrial) {
        this.size = sessionOfTrial.length;
        Map<Integer, List<Integer>> lists = new LinkedHashMap<>();
        for (int i = 0; i < sessionOfTrial.length; i++) {
            lists.computeIfAbsent(sessionOfTrial[i], k -> new ArrayList<>()).add(i);
        }
        lists.forEach((s, l) -> groups.put(s, l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** From the one-hot session rows [B, S]. */
    public static SessionGroups fromOneHot(INDArray oneHot) {
        return new SessionGroups(sessionOfTrial(oneHot));
    }

    /** Each trial's session index, from the one-hot session rows [B, S]. */
    public static int[] sessionOfTrial(INDArray oneHot) {
        int batch = (int) oneHot.size(0);
        int sessions = (int) oneHot.size(1);
        int[] rows = new int[batch];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < sessions; s++) {
                if (oneHot.getDouble(b, s) != 0) {
                    rows[b] = s;
                }
            }
        }
        return rows;
    }

    public int size() {
        return size;
    }

    public Map<Integer, int[]> groups() {
        return groups;
    }

    /** Whether one session holds every trial. */
    public boolean single() {
        return groups.size() == 1;
    }

    /** The rows of {@code x} [B, …] of the given trials, flattened to [trials·rest/width, width]. */
    public INDArray rows(INDArray x, int[] trials, int width) {
        if (trials.length == size) {
            return x.reshape(-1, width);
        }
        long[] shape = x.shape().clone();
        shape[0] = trials.length;
        INDArray out = Nd4j.create(x.dataType(), shape);
        for (int i = 0; i < trials.length; i++) {
            out.slice(i).assign(x.slice(trials[i]));
        }
        return out.reshape(-1, width);
    }

    /** Writes {@code rows} ([trials·rest/width, width]) back into the trials' slices of {@code x}. */
    public void scatter(INDArray rows, INDArray x, int[] trials) {
        if (trials.length == size) {
            x.reshape(rows.shape()).assign(rows);
            return;
        }
        long[] shape = x.shape().clone();
        shape[0] = trials.length;
        INDArray grouped = rows.reshape(shape);
        for (int i = 0; i < trials.length; i++) {
            x.slice(trials[i]).assign(grouped.slice(i));
        }
    }

    /** Session {@code s}'s slice of a per-session table [S, …]. */
    public static INDArray session(INDArray table, int s) {
        return table.get(NDArrayIndex.point(s));
    }
}
