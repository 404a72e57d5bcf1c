package org.nedsj.data.synth;

import org.nedsj.prep.npy.NpyAppender;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyStrings;
import org.nedsj.prep.npy.NpyWriter;
import org.nedsj.data.pqt.ParquetTable;
import org.nedsj.prep.store.PreparedStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes one synthetic session in the IBL ALF layout, with the files and types of the public cache,
 * through the project's NPY writer. The session is built in a hidden folder and moved into place.
 */
public final class SyntheticSessionWriter {

    static final double RIGHT_CAMERA_RATE = 150;
    static final double LEFT_CAMERA_RATE = 60;

    private SyntheticSessionWriter() {
    }

    /** Writes {@code root/<lab>/Subjects/<subject>/<date>/<NNN>} and returns that folder. */
    public static Path write(Path root, SessionSpec spec) {
        SimulatedSession session = SimulatedSession.of(spec);
        SyntheticTrials trials = session.trials();
        BehaviourTrace trace = session.trace();
        SplittableRandom rng = session.rest();

        Path target = root.resolve(spec.lab()).resolve("Subjects").resolve(spec.subject()).resolve(spec.date())
                .resolve(String.format("%03d", spec.number()));
        Path tmp = root.resolve(".synth-" + spec.id() + "-" + System.nanoTime());
        try {
            Path alf = Files.createDirectories(tmp.resolve("alf"));
            writeTrials(alf, trials, spec.layout());
            writeWheel(spec.layout() == SessionLayout.TASK_TABLE ? alf.resolve("task_00") : alf, trials, trace, spec.layout(), rng.split());
            writeCameras(alf, trials, trace, spec.layout(), rng.split());
            writeSpikes(alf, session.latents(), session.population(), spec, rng.split());
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                PreparedStore.deleteRecursively(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            PreparedStore.deleteRecursively(tmp);
            throw new UncheckedIOException("cannot write synthetic session " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            PreparedStore.deleteRecursively(tmp);
            throw e;
        }
    }

    private static void writeTrials(Path alf, SyntheticTrials t, SessionLayout layout) throws IOException {
        Map<String, double[]> attributes = new LinkedHashMap<>();
        attributes.put("stimOn_times", t.stimOn());
        attributes.put("goCue_times", t.goCue());
        attributes.put("response_times", t.response());
        attributes.put("choice", t.choice());
        attributes.put("firstMovement_times", t.firstMovement());
        attributes.put("feedback_times", t.feedback());
        attributes.put("feedbackType", t.feedbackType());
        attributes.put("probabilityLeft", t.probabilityLeft());
        attributes.put("contrastLeft", t.contrastLeft());
        attributes.put("contrastRight", t.contrastRight());
        attributes.put("rewardVolume", t.rewardVolume());
        if (layout == SessionLayout.TASK_TABLE) {
            ParquetTable.Writer table = new ParquetTable.Writer().doubles("intervals_0", t.start()).doubles("intervals_1", t.end());
            attributes.forEach(table::doubles);
            table.write(Files.createDirectories(alf.resolve("task_00")).resolve("_ibl_trials.table.pqt"));
            return;
        }
        double[] intervals = new double[2 * t.size()];
        for (int i = 0; i < t.size(); i++) {
            intervals[2 * i] = t.start()[i];
            intervals[2 * i + 1] = t.end()[i];
        }
        NpyWriter.writeDoubles(alf.resolve("_ibl_trials.intervals.npy"), intervals, t.size(), 2);
        for (var e : attributes.entrySet()) {
            NpyWriter.writeDoubles(alf.resolve("_ibl_trials." + e.getKey() + ".npy"), e.getValue());
        }
    }

    /** Encoder events: one sample whenever the quantised position changes, with sub-millisecond jitter. */
    private static void writeWheel(Path dir, SyntheticTrials trials, BehaviourTrace trace, SessionLayout layout,
                                   SplittableRandom rng) throws IOException {
        Files.createDirectories(dir);
        double start = layout == SessionLayout.TASK_TABLE ? trials.stimulusOnset()[0] - 0.3 : 0;
        int first = (int) Math.ceil(start / BehaviourTrace.DT);
        try (NpyAppender times = NpyWriter.append(dir.resolve("_ibl_wheel.timestamps.npy"), NpyDtype.F8);
             NpyAppender position = NpyWriter.append(dir.resolve("_ibl_wheel.position.npy"), NpyDtype.F8)) {
            long last = Long.MIN_VALUE;
            int end = trace.samples() - 1;
            for (int i = first; i <= end; i++) {
                long tick = Math.round(trace.position(i) / BehaviourTrace.ENCODER_RESOLUTION);
                if (tick != last || i == end) {
                    times.put(i * BehaviourTrace.DT + (i == first ? 0 : rng.nextDouble(0.0009)));
                    position.put(tick * BehaviourTrace.ENCODER_RESOLUTION);
                    last = tick;
                }
            }
        }
    }

    private static void writeCameras(Path alf, SyntheticTrials trials, BehaviourTrace trace, SessionLayout layout,
                                     SplittableRandom rng) {
        double rightStart = layout == SessionLayout.REVISION ? trials.stimulusOnset()[0] - 0.3 : rng.nextDouble(0.2);
        int extra = layout == SessionLayout.ATTRIBUTE_FILES ? 3 : 0;
        writeCamera(alf, "right", RIGHT_CAMERA_RATE, rightStart, extra, layout == SessionLayout.TASK_TABLE, trials, trace, rng);
        writeCamera(alf, "left", LEFT_CAMERA_RATE, rng.nextDouble(0.2), 0, false, trials, trace, rng);
    }

    /**
     * Frame times at {@code rate} (±20 % jitter) from {@code start}; motion energy
     * {@code gain · (1 + 2 · whisking(t)) · exp(0.1 · N(0,1))}, gain ∈ U(0.5, 2) per camera. {@code extra} timestamps precede
     * the first frame (the reader keeps the last N).
     */
    private static void writeCamera(Path alf, String camera, double rate, double start, int extra, boolean firstNaN,
                                    SyntheticTrials trials, BehaviourTrace trace, SplittableRandom rng) {
        int frames = (int) Math.floor((trials.duration() - start) * rate);
        double[] times = new double[frames + extra];
        double[] energy = new double[frames];
        double gain = rng.nextDouble(0.5, 2);
        for (int k = 0; k < frames + extra; k++) {
            times[k] = start + (k - extra) / rate + rng.nextDouble(-0.2, 0.2) / rate;
        }
        for (int k = 0; k < frames; k++) {
            double t = times[k + extra];
            energy[k] = gain * (1 + 2 * trace.whiskingAt(t)) * Math.exp(0.1 * rng.nextGaussian());
        }
        if (firstNaN && frames > 0) {
            energy[0] = Double.NaN;
        }
        NpyWriter.writeDoubles(alf.resolve("_ibl_" + camera + "Camera.times.npy"), times);
        NpyWriter.writeDoubles(alf.resolve(camera + "Camera.ROIMotionEnergy.npy"), energy);
    }

    private static void writeSpikes(Path alf, Latents latents, PoissonPopulation population, SessionSpec spec,
                                    SplittableRandom rng) throws IOException {
        int probes = spec.probes();
        Path[] dirs = new Path[probes];
        String[] suffix = new String[probes];
        for (int p = 0; p < probes; p++) {
            Path probe = alf.resolve(String.format("probe%02d", p));
            dirs[p] = switch (spec.layout()) {
                case ATTRIBUTE_FILES -> probe.resolve(p == 0 ? "iblsorter" : "pykilosort");
                case TASK_TABLE -> probe;
                case REVISION -> probe.resolve("pykilosort").resolve("#2024-05-06#");
            };
            Files.createDirectories(dirs[p]);
            suffix[p] = spec.layout() == SessionLayout.TASK_TABLE ? "." + new UUID(rng.nextLong(), rng.nextLong()) : "";
        }
        NpyAppender[] times = new NpyAppender[probes];
        NpyAppender[] clusters = new NpyAppender[probes];
        try {
            for (int p = 0; p < probes; p++) {
                times[p] = NpyWriter.append(dirs[p].resolve("spikes.times" + suffix[p] + ".npy"), NpyDtype.F8);
                clusters[p] = NpyWriter.append(dirs[p].resolve("spikes.clusters" + suffix[p] + ".npy"), NpyDtype.U4);
            }
            population.emit(latents, rng.split(), times, clusters);
        } finally {
            for (int p = 0; p < probes; p++) {
                if (times[p] != null) {
                    times[p].close();
                }
                if (clusters[p] != null) {
                    clusters[p].close();
                }
            }
        }
        for (int p = 0; p < probes; p++) {
            PlantedRegion[] regions = population.regionsOn(p);
            if (regions == null) {
                writeClusters(dirs[p], population.neuronsOn(p) + 5, suffix[p], rng);
            } else {
                writePlantedClusters(dirs[p], regions, suffix[p], p == 0, rng);
            }
        }
        if (spec.layout() == SessionLayout.REVISION) {
            NpyWriter.writeDoubles(alf.resolve("probe00").resolve("pykilosort").resolve("spikes.times.npy"), new double[]{0.1, 0.2, 0.3});
        }
    }

    /**
     * As {@link #writeClusters} with each cluster on a channel of its planted region's band, plus the locations:
     * {@code channels.brainLocationIds_ccf_2017} (the band's Allen id per channel) on every probe, and
     * {@code clusters.brainLocationAcronyms_ccf_2017} (numpy unicode) on the first probe only, so that the other
     * probes' regions come through the channels' Allen ids. The 5 clusters without spikes get random channels.
     */
    private static void writePlantedClusters(Path dir, PlantedRegion[] regions, String suffix, boolean acronyms, SplittableRandom rng) {
        int count = regions.length + 5;
        double[] depths = new double[count];
        long[] channels = new long[count];
        long[] ids = new long[count];
        double[] labels = new double[count];
        String[] names = new String[count];
        for (int c = 0; c < count; c++) {
            PlantedRegion r = c < regions.length ? regions[c] : PlantedRegion.ofChannel(rng.nextInt(PlantedRegion.CHANNELS));
            channels[c] = r.firstChannel() + rng.nextInt(r.channelCount());
            depths[c] = channels[c] * 10 + rng.nextDouble(0, 10);
            names[c] = r.acronym();
            ids[c] = c;
            labels[c] = c >= count - 5 ? 0 : rng.nextDouble() < 0.4 ? 1 : rng.nextInt(3) / 3.0;
        }
        long[] channelIds = new long[PlantedRegion.CHANNELS];
        for (int ch = 0; ch < channelIds.length; ch++) {
            channelIds[ch] = PlantedRegion.ofChannel(ch).allenId();
        }
        NpyWriter.writeDoubles(dir.resolve("clusters.depths" + suffix + ".npy"), depths);
        NpyWriter.writeLongs(dir.resolve("clusters.channels" + suffix + ".npy"), channels);
        NpyWriter.writeLongs(dir.resolve("channels.brainLocationIds_ccf_2017" + suffix + ".npy"), channelIds);
        if (acronyms) {
            NpyStrings.write(dir.resolve("clusters.brainLocationAcronyms_ccf_2017" + suffix + ".npy"), names);
        }
        new ParquetTable.Writer().longs("cluster_id", ids).doubles("label", labels).write(dir.resolve("clusters.metrics" + suffix + ".pqt"));
    }

    /** {@code clusters.depths}, {@code clusters.channels} and {@code clusters.metrics.pqt}; the last 5 clusters have no spikes. */
    private static void writeClusters(Path dir, int count, String suffix, SplittableRandom rng) {
        double[] depths = new double[count];
        long[] channels = new long[count];
        long[] ids = new long[count];
        double[] labels = new double[count];
        double[] levels = {0, 1.0 / 3, 2.0 / 3, 1};
        for (int c = 0; c < count; c++) {
            depths[c] = rng.nextDouble(0, 3840);
            channels[c] = (long) (depths[c] / 10);
            ids[c] = c;
            labels[c] = c >= count - 5 ? 0 : rng.nextDouble() < 0.4 ? 1 : levels[rng.nextInt(3)];
        }
        NpyWriter.writeDoubles(dir.resolve("clusters.depths" + suffix + ".npy"), depths);
        NpyWriter.writeLongs(dir.resolve("clusters.channels" + suffix + ".npy"), channels);
        new ParquetTable.Writer().longs("cluster_id", ids).doubles("label", labels).write(dir.resolve("clusters.metrics" + suffix + ".pqt"));
    }
}
