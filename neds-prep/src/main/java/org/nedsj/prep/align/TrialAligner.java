package org.nedsj.prep.align;

import org.nedsj.prep.behaviour.BinResampler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preprocessing every data source shares, after its own trial rules: behaviours resampled to
 * bins (a trial a behaviour does not cover is dropped), the unit filter, spike binning, per-session
 * scaling, class indices and the seeded split.
 */
public final class TrialAligner {

    private final AlignmentRules rules;

    public TrialAligner(AlignmentRules rules) {
        this.rules = rules;
    }

    /** @throws IncompleteSessionException when no trial or no unit survives the filters */
    public PreparedSession align(AlignmentInput in) {
        TrialWindow w = rules.window();
        int bins = w.bins();
        BinResampler resampler = new BinResampler(bins, w.binSize(), rules.coverageTolerance());
        Map<String, Integer> dropped = new LinkedHashMap<>(in.selection().dropped());
        List<AlignmentInput.DynamicBehaviour> behaviours = in.dynamic();
        behaviours.forEach(b -> dropped.put(coverageKey(b), 0));
        int candidates = in.selection().rows().length;
        int[] rows = new int[candidates];
        double[][] values = new double[behaviours.size()][candidates * bins];
        int kept = 0;
        for (int row : in.selection().rows()) {
            double t0 = in.align()[row] + w.start();
            double t1 = in.align()[row] + w.end();
            AlignmentInput.DynamicBehaviour uncovered = firstUncovered(behaviours, resampler, t0, t1);
            if (uncovered != null) {
                dropped.merge(coverageKey(uncovered), 1, Integer::sum);
                continue;
            }
            for (int b = 0; b < behaviours.size(); b++) {
                resampler.resample(behaviours.get(b).signal(), t0, values[b], kept * bins);
            }
            rows[kept++] = row;
        }
        if (kept == 0) {
            throw new IncompleteSessionException("session " + in.id() + ": no trial passes the filters (of "
                    + in.trialsTotal() + ", dropped " + dropped + ")");
        }
        return finish(in, java.util.Arrays.copyOf(rows, kept), values, dropped);
    }

    private PreparedSession finish(AlignmentInput in, int[] rows, double[][] values, Map<String, Integer> dropped) {
        int kept = rows.length;
        int bins = rules.window().bins();
        double[][] windows = windows(in, rows);
        SpikeBinner binner = new SpikeBinner(bins, rules.window().binSize());
        long[] counts = binner.countPerCluster(in.spikes(), windows[0], windows[1], in.units());
        UnitSelection units = UnitSelector.select(counts, in.good(), kept, rules.window().duration(), rules.units());
        if (units.kept() == 0) {
            throw new IncompleteSessionException("session " + in.id() + ": no unit fires above " + rules.units().minRate()
                    + " Hz in the windows of its " + kept + " kept trials");
        }
        byte[] spikes = new byte[cells(in.id(), kept, bins, units.kept())];
        long saturated = binner.bin(in.spikes(), windows[0], windows[1], units.columnOf(), units.kept(), spikes);

        Map<String, Map<String, Double>> scaling = new LinkedHashMap<>();
        Map<String, float[]> dynamic = new LinkedHashMap<>();
        for (int b = 0; b < in.dynamic().size(); b++) {
            String name = in.dynamic().get(b).name();
            Map<String, Double> stats = new LinkedHashMap<>();
            dynamic.put(name, BehaviourScaling.scale(values[b], kept * bins, rules.scaling(), stats));
            scaling.put(name, stats);
        }
        Map<String, PreparedSession.Categories> statics = new LinkedHashMap<>();
        for (AlignmentInput.StaticBehaviour s : in.statics()) {
            statics.put(s.name(), new PreparedSession.Categories(s.classes(), classes(s, rows)));
        }
        byte[] split = TrialSplitter.assign(kept, rules.split());
        int[] perSplit = new int[3];
        for (byte s : split) {
            perSplit[s]++;
        }
        SessionSummary summary = new SessionSummary(in.id(), in.source(), in.trialsSource(), in.spikeSources(), in.trialsTotal(),
                dropped, kept, in.units(), units.belowRate(), units.notGood(), units.kept(), perSplit[0], perSplit[1], perSplit[2],
                in.spikeCount(), saturated, in.cameraTrimmed(), scaling);
        return new PreparedSession(summary, bins, spikes, dynamic, statics, java.util.Arrays.stream(rows).asLongStream().toArray(),
                units.units(), split);
    }

    /** The kept trials' window starts and ends. */
    private double[][] windows(AlignmentInput in, int[] rows) {
        double[] t0 = new double[rows.length];
        double[] t1 = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            t0[k] = in.align()[rows[k]] + rules.window().start();
            t1[k] = in.align()[rows[k]] + rules.window().end();
        }
        return new double[][]{t0, t1};
    }

    private static int cells(String id, int trials, int bins, int units) {
        long cells = Math.multiplyExact(Math.multiplyExact((long) trials, bins), units);
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("session " + id + ": " + trials + " trials × " + bins + " bins × " + units
                    + " units exceed one array; select fewer units (units.min-rate) or a shorter window");
        }
        return (int) cells;
    }

    private static AlignmentInput.DynamicBehaviour firstUncovered(List<AlignmentInput.DynamicBehaviour> behaviours,
                                                                  BinResampler resampler, double t0, double t1) {
        for (AlignmentInput.DynamicBehaviour b : behaviours) {
            if (!resampler.covers(b.signal(), t0, t1)) {
                return b;
            }
        }
        return null;
    }

    private static byte[] classes(AlignmentInput.StaticBehaviour s, int[] rows) {
        byte[] out = new byte[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int c = s.classOfRow()[rows[k]];
            if (c < 0 || c >= s.classes()) {
                throw new IllegalStateException(s.name() + " of trial row " + rows[k] + " has no class; the trial rules must drop it");
            }
            out[k] = (byte) c;
        }
        return out;
    }

    /** The drop reason of a behaviour that does not cover a window. */
    public static String coverageKey(AlignmentInput.DynamicBehaviour b) {
        return b.name() + "-coverage";
    }
}
