package org.nedsj.prep.store;

import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.align.SessionSummary;
import org.nedsj.spi.ModalitySpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prepared sessions of random content written straight in the prepared format (no ALF, no
 * alignment), for benchmarks of many sessions: widths spread evenly from {@code narrowest} to
 * {@code widest} neurons, the IBL behaviours, 70 / 10 / 20 % of trials in train / val / test.
 * Each session is written and then memory-mapped exactly as a prepared dataset's is.
 */
public final class SyntheticPreparedData {

    private SyntheticPreparedData() {
    }

    /** Neurons of session {@code i} of {@code sessions}: evenly from {@code narrowest} to {@code widest}. */
    public static int width(int i, int sessions, int narrowest, int widest) {
        return sessions == 1 ? widest : narrowest + (int) Math.round((widest - narrowest) * (double) i / (sessions - 1));
    }

    /** Writes {@code sessions} sessions into {@code dataDir} and memory-maps them. */
    public static PreparedDataSource write(Path dataDir, int sessions, int trials, int bins, int narrowest, int widest, long seed) {
        List<Manifest.Behaviour> behaviours = DatasetWriter.IBL_BEHAVIOURS;
        List<PreparedSessionData> opened = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < sessions; i++) {
            String id = String.format("synthetic-%03d", i);
            int neurons = width(i, sessions, narrowest, widest);
            PreparedSession s = session(id, trials, bins, neurons, behaviours, rng);
            PreparedStore.write(dataDir, s, List.of());
            Manifest.Entry entry = new Manifest.Entry(id, s.summary().alfPath(), "synthetic", trials, neurons, List.of(), s.summary(), null);
            opened.add(PreparedStore.open(dataDir, entry, bins, behaviours));
        }
        List<ModalitySpec> modalities = new ArrayList<>();
        modalities.add(ModalitySpec.neuralCounts(PreparedSession.SPIKES, bins));
        behaviours.forEach(b -> modalities.add(b.spec(bins)));
        return new PreparedDataSource(modalities, opened, "synthetic-" + seed);
    }

    private static PreparedSession session(String id, int trials, int bins, int neurons, List<Manifest.Behaviour> behaviours,
                                           SplittableRandom rng) {
        byte[] spikes = new byte[trials * bins * neurons];
        for (int k = 0; k < spikes.length; k++) {
            int r = rng.nextInt(16);
            spikes[k] = (byte) (r < 12 ? 0 : r - 11);
        }
        Map<String, float[]> dynamic = new LinkedHashMap<>();
        Map<String, PreparedSession.Categories> statics = new LinkedHashMap<>();
        for (Manifest.Behaviour b : behaviours) {
            if (b.dynamic()) {
                float[] v = new float[trials * bins];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) rng.nextDouble(-1, 1);
                }
                dynamic.put(b.name(), v);
            } else {
                byte[] c = new byte[trials];
                for (int k = 0; k < trials; k++) {
                    c[k] = (byte) rng.nextInt(b.classes());
                }
                statics.put(b.name(), new PreparedSession.Categories(b.classes(), c));
            }
        }
        long[] trialIndex = new long[trials];
        byte[] split = new byte[trials];
        int[] perSplit = new int[3];
        for (int t = 0; t < trials; t++) {
            trialIndex[t] = t;
            int tenth = t % 10;
            split[t] = (byte) (tenth < 7 ? 0 : tenth < 8 ? 1 : 2);
            perSplit[split[t]]++;
        }
        long[] units = new long[neurons];
        for (int u = 0; u < neurons; u++) {
            units[u] = u;
        }
        SessionSummary summary = new SessionSummary(id, "synthetic/" + id, "synthetic", List.of(), trials, Map.of(), trials, neurons,
                0, 0, neurons, perSplit[0], perSplit[1], perSplit[2], 0, 0, 0, Map.of());
        return new PreparedSession(summary, bins, spikes, dynamic, statics, trialIndex, units, split);
    }
}
