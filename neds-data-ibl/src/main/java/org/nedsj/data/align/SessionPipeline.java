package org.nedsj.data.align;

import org.nedsj.data.PreprocessingConfig;
import org.nedsj.data.alf.AlfSession;
import org.nedsj.data.alf.IncompleteSessionException;
import org.nedsj.data.alf.ProbeSpikes;
import org.nedsj.data.behaviour.BinResampler;
import org.nedsj.data.behaviour.IrregularSignal;
import org.nedsj.data.behaviour.SampledSignal;
import org.nedsj.data.behaviour.WheelSpeed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one read session into trial-aligned arrays: trial filter, behaviours resampled to bins
 * (trials a behaviour does not cover are dropped), unit filter, spike binning, per-session min-max
 * scaling, class indices and the split.
 */
public final class SessionPipeline {

    private final PreprocessingConfig config;

    public SessionPipeline(PreprocessingConfig config) {
        this.config = config;
    }

    /** @throws IncompleteSessionException when no trial or no unit survives the filters */
    public PreparedSession run(AlfSession session) {
        PreprocessingConfig.TrialWindow w = config.window();
        int bins = w.bins();
        TrialSelection selection = TrialFilter.select(session.trials(), config);
        double[] align = session.trials().get(config.alignTo());

        SampledSignal wheel = WheelSpeed.of(session.wheel(), config.wheel());
        SampledSignal whisker = IrregularSignal.withoutMissing(session.camera().times(), session.camera().motionEnergy());
        BinResampler resampler = new BinResampler(bins, w.binSize(), config.coverageTolerance());

        Map<String, Integer> dropped = new LinkedHashMap<>(selection.dropped());
        dropped.put(DropReason.WHEEL_COVERAGE.key(), 0);
        dropped.put(DropReason.WHISKER_COVERAGE.key(), 0);
        int candidates = selection.rows().length;
        int[] rows = new int[candidates];
        double[] wheelValues = new double[candidates * bins];
        double[] whiskerValues = new double[candidates * bins];
        int kept = 0;
        for (int row : selection.rows()) {
            double t0 = align[row] + w.start();
            double t1 = align[row] + w.end();
            if (!resampler.covers(wheel, t0, t1)) {
                dropped.merge(DropReason.WHEEL_COVERAGE.key(), 1, Integer::sum);
            } else if (!resampler.covers(whisker, t0, t1)) {
                dropped.merge(DropReason.WHISKER_COVERAGE.key(), 1, Integer::sum);
            } else {
                resampler.resample(wheel, t0, wheelValues, kept * bins);
                resampler.resample(whisker, t0, whiskerValues, kept * bins);
                rows[kept++] = row;
            }
        }
        String id = session.ref().id();
        if (kept == 0) {
            throw new IncompleteSessionException("session " + id + ": no trial passes the filters (of "
                    + session.trials().size() + ", dropped " + dropped + ")");
        }

        double[] t0 = new double[kept];
        double[] t1 = new double[kept];
        for (int k = 0; k < kept; k++) {
            t0[k] = align[rows[k]] + w.start();
            t1[k] = align[rows[k]] + w.end();
        }
        List<ProbeSpikes> probes = session.probes();
        SpikeBinner binner = new SpikeBinner(bins, w.binSize());
        long[] counts = binner.countPerCluster(probes, t0, t1, session.totalClusters());
        UnitSelection units = UnitSelector.select(counts, probes, kept, w.duration(), config.units());
        if (units.kept() == 0) {
            throw new IncompleteSessionException("session " + id + ": no unit fires above " + config.units().minRate()
                    + " Hz in the windows of its " + kept + " kept trials");
        }
        long cells = Math.multiplyExact(Math.multiplyExact((long) kept, bins), units.kept());
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("session " + id + ": " + kept + " trials × " + bins + " bins × " + units.kept()
                    + " units exceed one array; select fewer units (data.ibl.units) or a shorter window");
        }
        byte[] spikes = new byte[(int) cells];
        long saturated = binner.bin(probes, t0, t1, units.columnOf(), units.kept(), spikes);

        Map<String, Map<String, Double>> scaling = new LinkedHashMap<>();
        float[] wheelScaled = scale(wheelValues, kept * bins, "wheel", scaling);
        float[] whiskerScaled = scale(whiskerValues, kept * bins, "whisker", scaling);

        double[] choice = session.trials().get("choice");
        double[] probabilityLeft = session.trials().get("probabilityLeft");
        byte[] choiceClass = new byte[kept];
        byte[] blockClass = new byte[kept];
        long[] trialIndex = new long[kept];
        for (int k = 0; k < kept; k++) {
            choiceClass[k] = (byte) TrialFilter.choiceClass(choice[rows[k]]);
            blockClass[k] = (byte) TrialFilter.blockClass(probabilityLeft[rows[k]], config.trials().blockLevels());
            trialIndex[k] = rows[k];
        }
        byte[] split = TrialSplitter.assign(kept, config.split());
        int[] perSplit = new int[3];
        for (byte s : split) {
            perSplit[s]++;
        }
        SessionSummary summary = new SessionSummary(id, session.ref().path().toString(), session.trials().collection(),
                probes.stream().map(ProbeSpikes::label).toList(), session.trials().size(), dropped, kept,
                session.totalClusters(), units.belowRate(), units.notGood(), units.kept(), perSplit[0], perSplit[1], perSplit[2],
                session.spikeCount(), saturated, session.camera().trimmed(), scaling);
        return new PreparedSession(summary, bins, spikes, wheelScaled, whiskerScaled, choiceClass, blockClass, trialIndex,
                units.units(), split);
    }

    /**
     * The behaviour scaled per session over all kept trials and bins, by {@code data.ibl.scaling}; the
     * statistics (raw units) go into the summary either way.
     */
    private float[] scale(double[] values, int n, String name, Map<String, Map<String, Double>> scaling) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
            sum += values[i];
        }
        double mean = n > 0 ? sum / n : 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        double sd = n > 0 ? Math.sqrt(squares / n) : 0;
        scaling.put(name, Map.of("min", min, "max", max, "mean", mean, "sd", sd));
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) switch (config.scaling()) {
                case "z-score" -> sd > 0 ? (values[i] - mean) / sd : 0.0;
                case "min-max" -> max > min ? (values[i] - min) / (max - min) : 0.0;
                default -> values[i];
            };
        }
        return out;
    }
}
