package org.nedsj.data.alf;

import org.nedsj.data.PreprocessingConfig;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.data.pqt.ParquetTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the files {@link SessionFileResolver} found. Each problem (NaN timestamps,
 * unsorted spike times, lengths that disagree, cluster ids out of range) is reported naming the file.
 */
public final class AlfSessionReader {

    private AlfSessionReader() {
    }

    public static AlfSession load(SessionFiles files, PreprocessingConfig config) {
        TrialsTable trials = trials(files, config);
        WheelRecording wheel = wheel(files);
        CameraRecording camera = camera(files, config.camera());
        List<ProbeSpikes> probes = new ArrayList<>();
        List<String[]> regions = new ArrayList<>();
        int offset = 0;
        for (ProbeFiles p : files.probes()) {
            ProbeSpikes spikes = probe(p, offset, config.units().goodOnly());
            probes.add(spikes);
            regions.add(UnitLocations.read(p.locations(), spikes.clusterCount()));
            offset = Math.addExact(offset, spikes.clusterCount());
        }
        return new AlfSession(files, trials, wheel, camera, probes, offset, merged(regions, offset));
    }

    /** The probes' regions in merged cluster-id order (probe after probe, as the ids are offset). */
    private static String[] merged(List<String[]> perProbe, int total) {
        String[] out = new String[total];
        int at = 0;
        for (String[] r : perProbe) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }

    static TrialsTable trials(SessionFiles files, PreprocessingConfig config) {
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(config.alignTo());
        wanted.addAll(config.trials().required());
        wanted.addAll(SessionFileResolver.PIPELINE_ATTRIBUTES);
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, Path> sources = new LinkedHashMap<>();
        int rows = -1;
        Path first = null;
        if (files.trialsTable() != null) {
            ParquetTable table = ParquetTable.read(files.trialsTable());
            for (String a : wanted) {
                if (table.has(a)) {
                    values.put(a, table.column(a));
                    sources.put(a, files.trialsTable());
                }
            }
            rows = table.rows();
            first = files.trialsTable();
        }
        for (String a : wanted) {
            if (values.containsKey(a)) {
                continue;
            }
            Path file = files.trialAttributes().get(a);
            if (file == null) {
                throw new AlfDataException("no trials attribute " + a + " in " + files.trialsCollection() + " of "
                        + files.session().path() + "; download _ibl_trials." + a + ".npy");
            }
            double[] v = oneDimensional(NpyReader.read(file), "one value per trial");
            if (rows >= 0 && v.length != rows) {
                throw new AlfDataException("mismatched lengths: " + file + " has " + v.length + " trials but " + first
                        + " has " + rows + "; the trials files come from different extractions, download them again");
            }
            rows = v.length;
            first = first == null ? file : first;
            values.put(a, v);
            sources.put(a, file);
        }
        return new TrialsTable(files.trialsCollection(), values, sources);
    }

    static WheelRecording wheel(SessionFiles files) {
        double[] t = oneDimensional(NpyReader.read(files.wheelTimestamps()), "one time per encoder event");
        double[] pos = oneDimensional(NpyReader.read(files.wheelPosition()), "one position per encoder event");
        if (t.length != pos.length) {
            throw new AlfDataException("mismatched lengths: " + files.wheelPosition() + " has " + pos.length + " samples but "
                    + files.wheelTimestamps() + " has " + t.length + "; download both wheel files again");
        }
        if (t.length < 2) {
            throw new AlfDataException(files.wheelTimestamps() + " holds " + t.length + " sample(s); wheel speed needs at least 2");
        }
        requireTimes(t, files.wheelTimestamps(), "wheel timestamps");
        for (int i = 0; i < pos.length; i++) {
            if (!Double.isFinite(pos[i])) {
                throw new AlfDataException(files.wheelPosition() + ": position " + i + " is " + pos[i] + "; wheel positions must be finite");
            }
        }
        return new WheelRecording(t, pos);
    }

    static CameraRecording camera(SessionFiles files, String camera) {
        double[] times = oneDimensional(NpyReader.read(files.cameraTimes()), "one time per frame");
        double[] me = oneDimensional(NpyReader.read(files.motionEnergy()), "one value per frame");
        if (times.length < me.length) {
            throw new AlfDataException("mismatched lengths: " + files.cameraTimes() + " has " + times.length + " timestamps but "
                    + files.motionEnergy() + " has " + me.length + " frames; fewer timestamps than frames cannot be aligned, download both again");
        }
        int trimmed = times.length - me.length;
        if (trimmed > 0) {
            double[] kept = new double[me.length];
            System.arraycopy(times, trimmed, kept, 0, me.length);
            times = kept;
        }
        requireTimes(times, files.cameraTimes(), "camera timestamps");
        for (int i = 0; i < me.length; i++) {
            if (Double.isInfinite(me[i])) {
                throw new AlfDataException(files.motionEnergy() + ": frame " + i + " is " + me[i]
                        + "; motion energy must be finite (NaN marks a frame without a value)");
            }
        }
        return new CameraRecording(camera, times, me, trimmed);
    }

    static ProbeSpikes probe(ProbeFiles files, int offset, boolean readLabels) {
        NpyArray times = NpyReader.read(files.times()).requireRank(1, "spike times");
        NpyArray clusters = NpyReader.read(files.clusters()).requireRank(1, "spike clusters");
        if (times.size() != clusters.size()) {
            throw new AlfDataException("mismatched lengths: " + files.clusters() + " has " + clusters.size() + " spikes but "
                    + files.times() + " has " + times.size() + "; both come from one spike sorting, download them again");
        }
        double previous = Double.NEGATIVE_INFINITY;
        long maxCluster = -1;
        for (long i = 0, n = times.size(); i < n; i++) {
            double t = times.getDouble(i);
            if (!Double.isFinite(t)) {
                throw new AlfDataException(files.times() + ": spike " + i + " has " + (Double.isNaN(t) ? "a NaN time" : "time " + t)
                        + "; spike times must be finite");
            }
            if (t < previous) {
                throw new AlfDataException(files.times() + ": spike times are not sorted (spike " + i + " at " + t
                        + " s comes after " + previous + " s); sort spikes by time, moving spikes.clusters alongside");
            }
            previous = t;
            long c = clusters.getLong(i);
            if (c < 0) {
                throw new AlfDataException(files.clusters() + ": spike " + i + " has negative cluster id " + c);
            }
            maxCluster = Math.max(maxCluster, c);
        }
        int count;
        if (files.clusterList() != null) {
            long[] shape = NpyReader.readHeader(files.clusterList()).shape();
            count = Math.toIntExact(shape.length == 0 ? 1 : shape[0]);
            if (maxCluster >= count) {
                throw new AlfDataException(files.clusters() + ": cluster id " + maxCluster + " but " + files.clusterList()
                        + " lists only " + count + " clusters; the cluster and spike files come from different sortings");
            }
        } else {
            count = Math.toIntExact(maxCluster + 1);
        }
        boolean[] good = readLabels ? goodClusters(files.metrics(), count) : null;
        return new ProbeSpikes(files.label(), times, clusters, offset, count, good);
    }

    private static boolean[] goodClusters(Path metrics, int count) {
        ParquetTable table = ParquetTable.read(metrics);
        double[] label = table.column("label");
        double[] ids = table.has("cluster_id") ? table.column("cluster_id") : null;
        boolean[] good = new boolean[count];
        for (int r = 0; r < label.length; r++) {
            long id = ids == null ? r : (long) ids[r];
            if (id >= 0 && id < count && label[r] == 1.0) {
                good[(int) id] = true;
            }
        }
        return good;
    }

    private static double[] oneDimensional(NpyArray a, String what) {
        if (a.rank() != 1) {
            throw new AlfDataException(a.file() + ": expected " + what + " (1 dimension), found shape " + a.header().shapeString());
        }
        return a.toDoubleArray();
    }

    private static void requireTimes(double[] t, Path file, String what) {
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i])) {
                throw new AlfDataException(file + ": " + what + " contain " + t[i] + " at index " + i
                        + "; timestamps must be finite (re-extract or download this dataset again)");
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new AlfDataException(file + ": " + what + " decrease at index " + i + " (" + t[i - 1] + " → " + t[i]
                        + " s); timestamps must be sorted");
            }
        }
    }
}
