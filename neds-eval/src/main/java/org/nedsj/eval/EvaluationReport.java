package org.nedsj.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nedsj.spi.Split;

/**
 * The result of {@link Evaluator#evaluate}: every metric of the model and of the linear baselines
 * per session and masking scheme, their means over sessions, and example traces for plotting.
 *
 * @param run        the run's name or directory, or null until {@link #withRun} sets it
 * @param split      the split the metrics were computed on
 * @param schemes    the masking schemes evaluated ({@code encoding}, {@code decoding}, then extras)
 * @param sessionIds the sessions evaluated
 * @param model      the model's scores
 * @param baselines  the linear baselines' scores (empty when disabled)
 * @param examples   example trials of continuous behaviours
 * @param reducedRank the reduced-rank decoder across sessions (empty when not fitted)
 * @param paired     the model minus the baselines with paired-bootstrap intervals (empty when not drawn)
 * @param scoredTrials the model's per-trial statistics, for paired comparisons with another model (in memory only:
 *                   empty in a report read back from {@code report.json})
 */
public record EvaluationReport(String run, Split split, List<String> schemes, List<String> sessionIds,
                               ScoreTable model, ScoreTable baselines, List<ExampleTrace> examples,
                               ReducedRankResult reducedRank, PairedDifferences paired, ScoredTrials scoredTrials) {

    public EvaluationReport {
        Objects.requireNonNull(split, "split");
        schemes = List.copyOf(schemes);
        sessionIds = List.copyOf(sessionIds);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baselines, "baselines");
        examples = List.copyOf(examples);
        Objects.requireNonNull(reducedRank, "reducedRank");
        Objects.requireNonNull(paired, "paired");
        Objects.requireNonNull(scoredTrials, "scoredTrials");
    }

    /** Without the per-trial statistics (a report read back from JSON). */
    public EvaluationReport(String run, Split split, List<String> schemes, List<String> sessionIds,
                            ScoreTable model, ScoreTable baselines, List<ExampleTrace> examples,
                            ReducedRankResult reducedRank, PairedDifferences paired) {
        this(run, split, schemes, sessionIds, model, baselines, examples, reducedRank, paired, ScoredTrials.empty());
    }

    /** Without paired-bootstrap intervals. */
    public EvaluationReport(String run, Split split, List<String> schemes, List<String> sessionIds,
                            ScoreTable model, ScoreTable baselines, List<ExampleTrace> examples,
                            ReducedRankResult reducedRank) {
        this(run, split, schemes, sessionIds, model, baselines, examples, reducedRank, PairedDifferences.empty());
    }

    /** Without a reduced-rank decoder. */
    public EvaluationReport(String run, Split split, List<String> schemes, List<String> sessionIds,
                            ScoreTable model, ScoreTable baselines, List<ExampleTrace> examples) {
        this(run, split, schemes, sessionIds, model, baselines, examples, ReducedRankResult.empty());
    }

    public EvaluationReport withRun(String name) {
        return new EvaluationReport(name, split, schemes, sessionIds, model, baselines, examples, reducedRank, paired,
                scoredTrials);
    }

    /** The model's scheme → key → mean over sessions. */
    public Map<String, Map<String, Double>> mean() {
        return model.mean();
    }
}
