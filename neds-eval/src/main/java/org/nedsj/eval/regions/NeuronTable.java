package org.nedsj.eval.regions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Neurons as rows: a feature vector each (an embedding, or firing statistics), the region each was
 * recorded in and the session it belongs to.
 *
 * @param features one row per neuron, all of one length
 * @param regions  the region of each row
 * @param sessions the session of each row
 */
public record NeuronTable(double[][] features, List<String> regions, List<String> sessions) {

    public NeuronTable {
        regions = List.copyOf(regions);
        sessions = List.copyOf(sessions);
        if (features.length != regions.size() || features.length != sessions.size()) {
            throw new IllegalArgumentException(features.length + " feature rows, " + regions.size() + " regions, " + sessions.size()
                    + " sessions");
        }
        for (double[] row : features) {
            if (row.length != features[0].length) {
                throw new IllegalArgumentException("feature rows of lengths " + features[0].length + " and " + row.length);
            }
        }
    }

    public int size() {
        return features.length;
    }

    /** The distinct regions, sorted. */
    public List<String> classes() {
        return regions.stream().distinct().sorted().toList();
    }

    /** Neurons per region, sorted by region. */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new TreeMap<>();
        regions.forEach(r -> c.merge(r, 1, Integer::sum));
        return c;
    }

    /** The rows whose region {@code keep} accepts. */
    public NeuronTable where(Predicate<String> keep) {
        List<double[]> f = new ArrayList<>();
        List<String> r = new ArrayList<>();
        List<String> s = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (keep.test(regions.get(i))) {
                f.add(features[i]);
                r.add(regions.get(i));
                s.add(sessions.get(i));
            }
        }
        return new NeuronTable(f.toArray(double[][]::new), r, s);
    }

    /** These rows with {@code other}'s features appended (same neurons, same order). */
    public NeuronTable beside(NeuronTable other) {
        if (!other.regions.equals(regions) || !other.sessions.equals(sessions)) {
            throw new IllegalArgumentException("the two tables do not hold the same neurons");
        }
        double[][] f = new double[size()][];
        for (int i = 0; i < size(); i++) {
            f[i] = new double[features[i].length + other.features[i].length];
            System.arraycopy(features[i], 0, f[i], 0, features[i].length);
            System.arraycopy(other.features[i], 0, f[i], features[i].length, other.features[i].length);
        }
        return new NeuronTable(f, regions, sessions);
    }
}
