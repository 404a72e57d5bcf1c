package org.nedsj.eval.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nedsj.eval.BaselineSettings;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.ReducedRankChoice;
import org.nedsj.eval.ReducedRankSettings;
import org.nedsj.eval.TaskPredictions;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ModalitySpec.Kind;
import org.nedsj.spi.SessionData;

/**
 * Decodes each continuous behaviour's whole trial trace from the trial's spikes with one
 * {@link ReducedRankRegression} across sessions: a trial's features are its session's spike
 * components (the {@link SpikeComponents} the per-session decoders read) in every bin; each session
 * has its own weights onto a basis of the behaviour's trace that all sessions share. Fitted on the
 * sessions' training trials, rank and penalty chosen on their validation trials; trials whose trace
 * holds a non-finite value are left out of the fit.
 */
public final class ReducedRankDecoders {

    private final List<SessionData> sessions;
    private final List<SpikeFeatures> features;
    private final Map<String, ModalitySpec> modalities = new LinkedHashMap<>();
    private final Map<String, ReducedRankRegression.Fit> fits = new LinkedHashMap<>();
    /** Per behaviour, the index of each session in its fit, or −1 when it took no part. */
    private final Map<String, int[]> members = new LinkedHashMap<>();

    private ReducedRankDecoders(List<SessionData> sessions, List<SpikeFeatures> features) {
        this.sessions = sessions;
        this.features = features;
    }

    /**
     * @param train per session, its training trials
     * @param val   per session, its validation trials
     */
    public static ReducedRankDecoders fit(List<SessionData> sessions, List<ModalitySpec> modalities, List<int[]> train,
                                          List<int[]> val, BaselineSettings baselines, ReducedRankSettings settings) {
        List<ModalitySpec> counts = modalities.stream().filter(m -> m.kind() == Kind.NEURAL_COUNTS).toList();
        var features = new ArrayList<SpikeFeatures>();
        for (int s = 0; s < sessions.size(); s++) {
            SessionData session = sessions.get(s);
            var trainCounts = new ArrayList<float[]>();
            for (ModalitySpec m : counts) {
                trainCounts.add(SessionBaselines.read(session, m, train.get(s)));
            }
            features.add(SpikeFeatures.fit(session, counts, trainCounts, baselines.pcaComponents(), baselines.pcaMaxBins(), 0, 0));
        }
        var d = new ReducedRankDecoders(List.copyOf(sessions), features);
        for (ModalitySpec m : modalities) {
            if (!m.isNeural() && m.kind() == Kind.DYNAMIC_CONTINUOUS) {
                d.fitBehaviour(m, train, val, settings);
            }
        }
        return d;
    }

    private void fitBehaviour(ModalitySpec m, List<int[]> train, List<int[]> val, ReducedRankSettings settings) {
        int[] widths = sessions.stream().mapToInt(s -> s.info().width(m)).distinct().toArray();
        if (widths.length != 1 || widths[0] == 0) {
            return; // no basis can be shared between traces of different widths
        }
        int q = m.tokensPerTrial() * widths[0];
        int[] member = new int[sessions.size()];
        var trainBlocks = new ArrayList<ReducedRankRegression.Block>();
        var valBlocks = new ArrayList<ReducedRankRegression.Block>();
        for (int s = 0; s < sessions.size(); s++) {
            ReducedRankRegression.Block b = block(s, m, q, train.get(s));
            if (b.rows() == 0 || b.features() == 0) {
                member[s] = -1;
                continue;
            }
            member[s] = trainBlocks.size();
            trainBlocks.add(b);
            valBlocks.add(block(s, m, q, val.get(s)));
        }
        if (trainBlocks.isEmpty()) {
            return;
        }
        modalities.put(m.name(), m);
        members.put(m.name(), member);
        fits.put(m.name(), ReducedRankRegression.select(trainBlocks, valBlocks, q, settings.ranks(), settings.penalties(),
                settings.defaultRank(), settings.defaultPenalty()));
    }

    /** The trials whose trace is finite throughout: features [rows, bins·components], targets [rows, q]. */
    private ReducedRankRegression.Block block(int s, ModalitySpec m, int q, int[] trials) {
        SessionData session = sessions.get(s);
        int width = session.info().width(m);
        int p = trialWidth(s);
        var x = new ArrayList<double[]>();
        var y = new ArrayList<double[]>();
        float[] target = new float[q];
        for (int trial : trials) {
            session.copyTrial(m.name(), trial, target, 0, width);
            if (!allFinite(target)) {
                continue;
            }
            double[] t = new double[q];
            for (int k = 0; k < q; k++) {
                t[k] = target[k];
            }
            x.add(trialFeatures(s, trial));
            y.add(t);
        }
        double[] xs = new double[x.size() * p];
        double[] ys = new double[y.size() * q];
        for (int i = 0; i < x.size(); i++) {
            System.arraycopy(x.get(i), 0, xs, i * p, p);
            System.arraycopy(y.get(i), 0, ys, i * q, q);
        }
        return new ReducedRankRegression.Block(xs, ys, x.size(), p);
    }

    private int trialWidth(int s) {
        int p = 0;
        for (double[] series : features.get(s).series(sessions.get(s), 0)) {
            p += series.length;
        }
        return p;
    }

    /** Every bin's spike components of every neural-counts modality, concatenated. */
    private double[] trialFeatures(int s, int trial) {
        double[][] series = features.get(s).series(sessions.get(s), trial);
        int p = Arrays.stream(series).mapToInt(a -> a.length).sum();
        double[] out = new double[p];
        int o = 0;
        for (double[] a : series) {
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Per behaviour, what validation chose. */
    public Map<String, ReducedRankChoice> choices() {
        var out = new LinkedHashMap<String, ReducedRankChoice>();
        fits.forEach((name, f) -> out.put(name, new ReducedRankChoice(f.rank(), f.penalty(), f.validationError(),
                f.sessions().size())));
        return out;
    }

    /**
     * Predicts the continuous behaviours of {@code trials} of session {@code index} (its position in
     * the fitted list); a behaviour the session took no part in is left out.
     *
     * @param scored per behaviour, the tokens to score [trials, tokens]; a behaviour not listed has every token scored
     */
    public TaskPredictions decode(int index, int[] trials, String scheme, Map<String, float[]> scored) {
        SessionData session = sessions.get(index);
        var out = new LinkedHashMap<String, ModalityPredictions>();
        fits.forEach((name, fit) -> {
            int member = members.get(name)[index];
            if (member < 0) {
                return;
            }
            ModalitySpec m = modalities.get(name);
            int width = session.info().width(m);
            int q = m.tokensPerTrial() * width;
            ReducedRankRegression.SessionWeights weights = fit.sessions().get(member);
            float[] predicted = new float[trials.length * q];
            double[] y = new double[q];
            for (int i = 0; i < trials.length; i++) {
                weights.predict(trialFeatures(index, trials[i]), 0, y);
                for (int k = 0; k < q; k++) {
                    predicted[i * q + k] = (float) y[k];
                }
            }
            float[] mask = scored.get(name);
            if (mask == null) {
                mask = new float[trials.length * m.tokensPerTrial()];
                Arrays.fill(mask, 1f);
            }
            out.put(name, new ModalityPredictions(m, trials.length, m.tokensPerTrial(), width,
                    SessionBaselines.read(session, m, trials), predicted, mask.clone()));
        });
        return new TaskPredictions(session.info().id(), scheme, trials, out);
    }
}
