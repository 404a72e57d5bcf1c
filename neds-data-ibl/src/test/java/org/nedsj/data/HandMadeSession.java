package org.nedsj.data;

import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyWriter;
import org.nedsj.data.pqt.ParquetTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small ALF sessions by hand, file by file, for tests. */
public final class HandMadeSession {

    private final Path dir;

    private HandMadeSession(Path dir) {
        this.dir = dir;
    }

    /** {@code root/<lab>/Subjects/<subject>/<date>/<number>} */
    public static HandMadeSession create(Path root, String lab, String subject, String date, String number) {
        Path dir = root.resolve(lab).resolve("Subjects").resolve(subject).resolve(date).resolve(number);
        try {
            Files.createDirectories(dir.resolve("alf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HandMadeSession(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path alf() {
        return dir.resolve("alf");
    }

    /** Writes {@code _ibl_trials.<attribute>.npy} per attribute into {@code alf/<collection>}. */
    public HandMadeSession trials(String collection, Map<String, double[]> attributes) {
        Path c = folder(collection);
        attributes.forEach((name, values) -> NpyWriter.writeDoubles(c.resolve("_ibl_trials." + name + ".npy"), values));
        return this;
    }

    /** Writes {@code _ibl_trials.table.pqt} into {@code alf/<collection>}. */
    public HandMadeSession trialsTable(String collection, Map<String, double[]> columns) {
        ParquetTable.Writer w = new ParquetTable.Writer();
        columns.forEach(w::doubles);
        w.write(folder(collection).resolve("_ibl_trials.table.pqt"));
        return this;
    }

    public HandMadeSession wheel(double[] timestamps, double[] position) {
        NpyWriter.writeDoubles(alf().resolve("_ibl_wheel.timestamps.npy"), timestamps);
        NpyWriter.writeDoubles(alf().resolve("_ibl_wheel.position.npy"), position);
        return this;
    }

    public HandMadeSession camera(String camera, double[] times, double[] motionEnergy) {
        NpyWriter.writeDoubles(alf().resolve("_ibl_" + camera + "Camera.times.npy"), times);
        NpyWriter.writeDoubles(alf().resolve(camera + "Camera.ROIMotionEnergy.npy"), motionEnergy);
        return this;
    }

    /**
     * Writes a probe's spikes (sorted here by time) into {@code alf/<collection>}, with
     * {@code clusters.depths} listing {@code clusterCount} clusters.
     *
     * @param spikesPerCluster spike times of each local cluster id
     */
    public HandMadeSession probe(String collection, List<double[]> spikesPerCluster, int clusterCount) {
        List<double[]> all = new ArrayList<>();
        for (int c = 0; c < spikesPerCluster.size(); c++) {
            for (double t : spikesPerCluster.get(c)) {
                all.add(new double[]{t, c});
            }
        }
        all.sort(Comparator.comparingDouble(a -> a[0]));
        double[] times = new double[all.size()];
        int[] clusters = new int[all.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = all.get(i)[0];
            clusters[i] = (int) all.get(i)[1];
        }
        Path c = folder(collection);
        NpyWriter.writeDoubles(c.resolve("spikes.times.npy"), times);
        NpyWriter.writeInts(c.resolve("spikes.clusters.npy"), NpyDtype.U4, clusters);
        NpyWriter.writeDoubles(c.resolve("clusters.depths.npy"), new double[clusterCount]);
        return this;
    }

    /** Writes {@code clusters.metrics.pqt} with {@code cluster_id} and {@code label}. */
    public HandMadeSession metrics(String collection, double[] labels) {
        long[] ids = new long[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        new ParquetTable.Writer().longs("cluster_id", ids).doubles("label", labels).write(folder(collection).resolve("clusters.metrics.pqt"));
        return this;
    }

    private Path folder(String collection) {
        Path c = collection.isEmpty() ? alf() : alf().resolve(collection);
        try {
            return Files.createDirectories(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Attribute arrays in insertion order. */
    public static Map<String, double[]> attributes(Object... nameValues) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], (double[]) nameValues[i + 1]);
        }
        return m;
    }
}
