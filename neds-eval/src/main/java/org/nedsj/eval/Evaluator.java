package org.nedsj.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.nedsj.eval.ScoreTable.SchemeScores;
import org.nedsj.eval.baseline.ReducedRankDecoders;
import org.nedsj.eval.baseline.SessionBaselines;
import org.nedsj.eval.metrics.MeanRateModel;
import org.nedsj.eval.metrics.ModalityScore;
import org.nedsj.eval.metrics.TrialStatistics;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a model on one split of some sessions: the schemes {@code encoding} (neural modalities
 * hidden) and {@code decoding} (behavioural modalities hidden) always, plus any extra schemes; every
 * modality a scheme scored gets its metrics, per session and as the mean over sessions. The linear
 * baselines are fitted on each session's training trials and scored on the same trials and tokens,
 * and a paired bootstrap over those trials gives each difference of the model and the baselines an
 * interval ({@link PairedBootstrap}); the reduced-rank decoder is fitted once across all the evaluated
 * sessions' training trials and scored the same way.
 */
public final class Evaluator {

    public static final String ENCODING = "encoding";
    public static final String DECODING = "decoding";

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final EvaluationSettings settings;

    public Evaluator(EvaluationSettings settings) {
        this.settings = settings;
    }

    /** With the defaults of {@code reference.conf}. */
    public Evaluator() {
        this(EvaluationSettings.defaults());
    }

    /**
     * @param data         where the trials come from
     * @param sessionIds   the sessions to evaluate
     * @param predictor    the trained model
     * @param extraSchemes schemes evaluated besides encoding and decoding (may be empty)
     * @param split        the trials to evaluate, usually {@link Split#TEST}
     * @throws IllegalArgumentException for an unknown session or one without trials in {@code split} or
     *                                  without training trials
     * @throws IllegalStateException    when the predictor's answer does not match the question or the data
     */
    public EvaluationReport evaluate(DataSource data, List<String> sessionIds, ModelPredictor predictor,
                                     List<String> extraSchemes, Split split) {
        if (sessionIds.isEmpty()) {
            throw new IllegalArgumentException("no sessions to evaluate: give at least one session id");
        }
        if (new LinkedHashSet<>(sessionIds).size() != sessionIds.size()) {
            throw new IllegalArgumentException("session ids " + sessionIds + " name a session twice: list each once");
        }
        var schemeSet = new LinkedHashSet<String>(List.of(ENCODING, DECODING));
        schemeSet.addAll(extraSchemes);
        List<String> schemes = List.copyOf(schemeSet);
        List<ModalitySpec> modalities = data.modalities();
        requireCategorical(settings.baselines().logisticRankOne(), modalities);
        var sessions = new ArrayList<SessionData>();
        for (String id : sessionIds) {
            sessions.add(data.session(id));
        }
        long start = System.nanoTime();
        ScoreTable.Builder model = ScoreTable.builder();
        var modelStatistics = new LinkedHashMap<String, Map<String, Map<String, TrialStatistics>>>();
        List<SessionTrials> trials = new ArrayList<>();
        var examples = new ArrayList<ExampleTrace>();
        for (SessionData session : sessions) {
            SessionTrials st = SessionTrials.of(session, split);
            trials.add(st);
            Map<String, MeanRateModel> nullModels = meanRates(session, modalities, st.train());
            var statistics = new LinkedHashMap<String, Map<String, TrialStatistics>>();
            modelStatistics.put(st.id(), statistics);
            for (String scheme : schemes) {
                TaskPredictions p = predictor.predict(st.id(), st.evaluated().clone(), scheme);
                PredictionCheck.check(p, session, st.evaluated(), scheme, modalities);
                Scored scored = scored(p, nullModels);
                model.put(st.id(), scheme, scored.scores());
                statistics.put(scheme, scored.statistics());
                st.masks().put(scheme, masks(p));
                if (scheme.equals(DECODING) && examples.isEmpty()) {
                    examples.addAll(exampleTraces(p, settings.exampleTrials()));
                }
            }
        }
        LOG.info("scored the model on {} sessions × {} schemes in {} ms", sessions.size(), schemes.size(),
                (System.nanoTime() - start) / 1_000_000);
        ScoreTable baselines = ScoreTable.empty();
        ReducedRankResult reducedRank = ReducedRankResult.empty();
        PairedDifferences paired = PairedDifferences.empty();
        if (settings.baselines().enabled()) {
            start = System.nanoTime();
            BaselineResult result = baselines(sessions, trials, modalities);
            baselines = result.table();
            examples.replaceAll(e -> e.withBaseline(result.traces().get(e.modality() + "#" + e.trial())));
            LOG.info("fitted and scored the linear baselines in {} ms", (System.nanoTime() - start) / 1_000_000);
            paired = pairedDifferences(trials, modelStatistics, result.statistics());
            if (settings.reducedRank().enabled()) {
                start = System.nanoTime();
                reducedRank = reducedRank(sessions, trials, modalities);
                LOG.info("fitted and scored the reduced-rank decoder across {} sessions in {} ms", sessions.size(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
        return new EvaluationReport(null, split, schemes, sessionIds, model.build(), baselines, examples, reducedRank, paired,
                new ScoredTrials(modelStatistics, settings.pairedBootstrap()));
    }

    /** A session's evaluated and training trials, and the model's masks per scheme and modality. */
    private record SessionTrials(String id, int[] evaluated, int[] train, int[] val, Map<String, Map<String, float[]>> masks) {
        static SessionTrials of(SessionData session, Split split) {
            int[] evaluated = rows(session, split);
            if (evaluated.length == 0) {
                throw new IllegalArgumentException("session " + session.info().id() + " has no " + split.name().toLowerCase()
                        + " trials to evaluate: choose another split or leave the session out");
            }
            return new SessionTrials(session.info().id(), evaluated, rows(session, Split.TRAIN), rows(session, Split.VAL),
                    new HashMap<>());
        }

        private static int[] rows(SessionData session, Split split) {
            return IntStream.range(0, session.trialCount()).filter(t -> session.split(t) == split).toArray();
        }
    }

    /** @param statistics session → scheme → modality → the baselines' per-trial statistics */
    private record BaselineResult(ScoreTable table, Map<String, float[]> traces,
                                  Map<String, Map<String, Map<String, TrialStatistics>>> statistics) {
    }

    private PairedDifferences pairedDifferences(List<SessionTrials> trials, Map<String, Map<String, Map<String, TrialStatistics>>> model,
                                                Map<String, Map<String, Map<String, TrialStatistics>>> baselines) {
        long start = System.nanoTime();
        var pairs = new ArrayList<PairedBootstrap.SessionPair>();
        for (SessionTrials st : trials) {
            pairs.add(new PairedBootstrap.SessionPair(st.id(), model.get(st.id()), baselines.get(st.id())));
        }
        PairedDifferences out = new PairedBootstrap(settings.pairedBootstrap()).compare(pairs);
        LOG.info("drew {} paired resamples of the evaluated trials in {} ms", out.resamples(),
                (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /** A scheme's scores, and each scored modality's per-trial statistics gathered in the same pass. */
    private record Scored(SchemeScores scores, Map<String, TrialStatistics> statistics) {
    }

    private static Map<String, MeanRateModel> meanRates(SessionData session, List<ModalitySpec> modalities, int[] train) {
        var out = new HashMap<String, MeanRateModel>();
        for (ModalitySpec m : modalities) {
            if (m.kind() == ModalitySpec.Kind.NEURAL_COUNTS && session.info().width(m) > 0) {
                out.put(m.name(), MeanRateModel.fit(session, m, train));
            }
        }
        return out;
    }

    static SchemeScores score(TaskPredictions p, Map<String, MeanRateModel> nullModels) {
        return scored(p, nullModels).scores();
    }

    private static Scored scored(TaskPredictions p, Map<String, MeanRateModel> nullModels) {
        var metrics = new LinkedHashMap<String, Double>();
        var confusion = new LinkedHashMap<String, ConfusionCounts>();
        var neurons = new LinkedHashMap<String, double[]>();
        var statistics = new LinkedHashMap<String, TrialStatistics>();
        for (ModalityPredictions mp : p.modalities().values()) {
            if (mp.scoredCount() == 0 || mp.width() == 0) {
                continue;
            }
            ModalityScore s = ModalityScore.of(mp, nullModels.get(mp.modality().name()));
            metrics.putAll(s.metrics());
            if (s.confusion() != null) {
                confusion.put(mp.modality().name(), s.confusion());
            }
            if (s.neuronBitsPerSpike() != null) {
                neurons.put(mp.modality().name(), s.neuronBitsPerSpike());
            }
            statistics.put(mp.modality().name(), s.trials());
        }
        return new Scored(new SchemeScores(metrics, confusion, neurons), statistics);
    }

    private static Map<String, float[]> masks(TaskPredictions p) {
        var out = new HashMap<String, float[]>();
        p.modalities().forEach((name, mp) -> out.put(name, mp.scored().clone()));
        return out;
    }

    /** Channel 0 of the first {@code count} trials of every continuous behaviour the scheme scored. */
    private static List<ExampleTrace> exampleTraces(TaskPredictions p, int count) {
        var out = new ArrayList<ExampleTrace>();
        for (ModalityPredictions mp : p.modalities().values()) {
            ModalitySpec m = mp.modality();
            if (m.isNeural() || m.kind() != ModalitySpec.Kind.DYNAMIC_CONTINUOUS || mp.scoredCount() == 0) {
                continue;
            }
            for (int i = 0; i < Math.min(count, mp.trials()); i++) {
                out.add(new ExampleTrace(p.sessionId(), p.trials()[i], m.name(), 0,
                        channel(mp.truth(), mp, i), channel(mp.predicted(), mp, i), null));
            }
        }
        return out;
    }

    private static float[] channel(float[] values, ModalityPredictions mp, int trial) {
        float[] out = new float[mp.tokens()];
        for (int k = 0; k < mp.tokens(); k++) {
            out[k] = values[(trial * mp.tokens() + k) * mp.width()];
        }
        return out;
    }

    private BaselineResult baselines(List<SessionData> sessions, List<SessionTrials> trials, List<ModalitySpec> modalities) {
        ForkJoinPool pool = new ForkJoinPool(settings.baselines().effectiveThreads());
        try {
            // sessions one after another: SessionData need not be thread-safe; the GLM's neuron blocks run in the pool
            var results = new ArrayList<SessionResult>();
            for (int i = 0; i < sessions.size(); i++) {
                results.add(baselineOf(sessions.get(i), trials.get(i), modalities, pool));
            }
            ScoreTable.Builder table = ScoreTable.builder();
            var traces = new HashMap<String, float[]>();
            var statistics = new LinkedHashMap<String, Map<String, Map<String, TrialStatistics>>>();
            for (int i = 0; i < results.size(); i++) {
                SessionResult r = results.get(i);
                table.put(trials.get(i).id(), ENCODING, r.encoding());
                table.put(trials.get(i).id(), DECODING, r.decoding());
                statistics.put(trials.get(i).id(), r.statistics());
                if (i == 0) {
                    traces.putAll(r.traces());
                }
            }
            return new BaselineResult(table.build(), traces, statistics);
        } finally {
            pool.shutdown();
        }
    }

    private ReducedRankResult reducedRank(List<SessionData> sessions, List<SessionTrials> trials, List<ModalitySpec> modalities) {
        ReducedRankDecoders decoders = ReducedRankDecoders.fit(sessions, modalities,
                trials.stream().map(SessionTrials::train).toList(), trials.stream().map(SessionTrials::val).toList(),
                settings.baselines(), settings.reducedRank());
        ScoreTable.Builder table = ScoreTable.builder();
        for (int i = 0; i < sessions.size(); i++) {
            SessionTrials st = trials.get(i);
            TaskPredictions decoding = decoders.decode(i, st.evaluated(), DECODING, st.masks().get(DECODING));
            if (!decoding.modalities().isEmpty()) {
                table.put(st.id(), DECODING, score(decoding, Map.of()));
            }
        }
        return new ReducedRankResult(table.build(), decoders.choices());
    }

    private record SessionResult(SchemeScores encoding, SchemeScores decoding, Map<String, float[]> traces,
                                 Map<String, Map<String, TrialStatistics>> statistics) {
    }

    /** Refuses a name in {@code eval.baselines.logistic.rank-one} that is not a categorical behaviour of the data. */
    private static void requireCategorical(List<String> rankOne, List<ModalitySpec> modalities) {
        List<String> categorical = modalities.stream().filter(m -> m.kind() == ModalitySpec.Kind.STATIC_CATEGORICAL)
                .map(ModalitySpec::name).toList();
        for (String name : rankOne) {
            if (!categorical.contains(name)) {
                throw new IllegalArgumentException("eval.baselines.logistic.rank-one names '" + name + "', which is not a "
                        + "categorical behaviour of the data " + categorical + ": remove it or name one of those");
            }
        }
    }

    private SessionResult baselineOf(SessionData session, SessionTrials st, List<ModalitySpec> modalities, ForkJoinPool pool) {
        SessionBaselines fitted = SessionBaselines.fit(session, modalities, st.train(), st.val(), settings.baselines(), pool);
        Map<String, MeanRateModel> nullModels = meanRates(session, modalities, st.train());
        TaskPredictions encoding = fitted.encode(st.evaluated(), ENCODING, st.masks().get(ENCODING));
        TaskPredictions decoding = fitted.decode(st.evaluated(), DECODING, st.masks().get(DECODING));
        var traces = new HashMap<String, float[]>();
        for (ExampleTrace e : exampleTraces(decoding, settings.exampleTrials())) {
            traces.put(e.modality() + "#" + e.trial(), e.model());
        }
        Scored encoded = scored(encoding, nullModels);
        Scored decoded = scored(decoding, nullModels);
        var statistics = new LinkedHashMap<String, Map<String, TrialStatistics>>();
        statistics.put(ENCODING, encoded.statistics());
        statistics.put(DECODING, decoded.statistics());
        return new SessionResult(encoded.scores(), decoded.scores(), traces, statistics);
    }
}
