package org.nedsj.trainer.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.Evaluator;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.train.Checkpoints;

/**
 * The report's scores of a run's latest weights on the validation split ({@code neds eval}'s evaluation, without
 * the linear baselines and without writing a report): what a sweep judges a trial by at a rung when its metric
 * is a report metric. The latest weights, not the best epoch's, so every trial is judged as it stands at the rung.
 */
public final class ValidationScores {

    private ValidationScores() {
    }

    /** The model's scheme → {@code <modality>.<metric>} → mean over the run's sessions, on the validation split. */
    public static Map<String, Map<String, Double>> of(Path runDir) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        try (Experiment experiment = Experiment.open(run.config(), List.of())) {
            NedsModel model = Checkpoints.load(run.latestCheckpoint(), experiment.codecs()).model();
            List<String> sessions = EvaluationRun.sessionsIn(experiment, model);
            BatchAssembler assembler = new BatchAssembler(experiment.data(), model.specs(), model::width);
            ModelTaskPredictor predictor = new ModelTaskPredictor(model, assembler, experiment::scheme,
                    experiment.config().getInt("eval.batch-size"), experiment.training().seed());
            Evaluator evaluator = new Evaluator(EvaluationSettings.fromConfig(experiment.config().getConfig("eval"))
                    .withBaselines(false));
            List<String> extra = new ArrayList<>(experiment.config().getStringList("eval.schemes"));
            return evaluator.evaluate(experiment.data(), sessions, predictor, extra, Split.VAL).mean();
        }
    }
}
