package org.nedsj.trainer.evaluate;

import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.report.ReportWriter;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.run.RunProvenance;
import org.nedsj.trainer.run.SessionTableFile;
import org.nedsj.spi.io.FolderLock;
import org.nedsj.trainer.train.Checkpoints;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code neds eval}: scores a trained run's best model on a split and writes the reports. */
public final class EvaluationRun {

    private EvaluationRun() {
    }

    /** What an evaluation produced. */
    public record Result(EvaluationReport report, List<Path> files) {
    }

    /**
     * @param data  a prepared dataset other than the run's own, or null
     * @param masks masking schemes to report besides encoding and decoding
     * @param out   the report folder, or null for {@code RUN/report}
     */
    public static Result evaluate(Path runDir, Path data, Split split, List<String> masks, List<String> sets, Path out,
                                  PrintStream console) throws IOException {
        return evaluate(runDir, data, split, masks, sets, List.of(), out, console);
    }

    /** As above, on only the sessions named in {@code only} (every session of the model in the data when empty). */
    public static Result evaluate(Path runDir, Path data, Split split, List<String> masks, List<String> sets,
                                  List<String> only, Path out, PrintStream console) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        List<String> overrides = new ArrayList<>(sets);
        if (data != null) {
            overrides.add(ConfigOverrides.setString("data.path", data.toAbsolutePath().toString()));
        }
        try (Experiment experiment = Experiment.open(run.config(), overrides)) {
            Path checkpoint = Files.exists(run.bestCheckpoint()) ? run.bestCheckpoint() : run.latestCheckpoint();
            NedsModel model = Checkpoints.load(checkpoint, experiment.codecs()).model();
            List<String> sessions = sessionsIn(experiment, model);
            if (!only.isEmpty()) {
                List<String> missing = only.stream().filter(id -> !sessions.contains(id)).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("sessions " + missing + " are not among the model's sessions in the data "
                            + sessions);
                }
                sessions.retainAll(only);
            }
            EvaluatedUnits.requireSame(experiment, model, sessions, SessionTableFile.readUnits(run.sessions()));
            List<String> extra = new ArrayList<>(experiment.config().getStringList("eval.schemes"));
            masks.stream().filter(m -> !extra.contains(m)).forEach(extra::add);
            console.printf(Locale.ROOT, "evaluating %s (%s) on the %s split of %d session(s)%n", run.root().getFileName(),
                    run.root().relativize(checkpoint), split.name().toLowerCase(Locale.ROOT), sessions.size());
            List<String> unmatched = RankOneReadouts.unmatched(experiment.config(), experiment.data().modalities());
            unmatched.forEach(console::println);
            TaskModels tasks = TaskModels.of(experiment, run, checkpoint, model);
            if (!tasks.epochs().isEmpty()) {
                console.println("each modality from the epoch of its own best validation loss: " + tasks.epochs());
            }
            BatchAssembler assembler = new BatchAssembler(experiment.data(), model.specs(), model::width);
            ModelTaskPredictor predictor = new ModelTaskPredictor(tasks.byModality(), assembler, experiment::scheme,
                    experiment.config().getInt("eval.batch-size"), experiment.training().seed());
            EvaluationSettings settings = EvaluationSettings.fromConfig(experiment.config().getConfig("eval"));
            Evaluator evaluator = new Evaluator(settings);
            EvaluationReport report = evaluator.evaluate(experiment.data(), sessions, predictor, extra, split)
                    .withRun(run.root().getFileName().toString());
            Path folder = out != null ? out : run.root().resolve("report");
            Map<String, String> provenance = provenance(run, checkpoint, experiment, console);
            provenance.put("regions", RegionsUsed.describe(experiment.config(), experiment.data(), sessions));
            provenance.put("baselines", settings.baselines().describe()
                    + (unmatched.isEmpty() ? "" : "; " + String.join("; ", unmatched)));
            console.println("regions: " + provenance.get("regions"));
            if (!tasks.epochs().isEmpty()) {
                provenance.put("checkpoint_per_task", tasks.epochs());
            }
            List<Path> files;
            try (FolderLock lock = lockReportFolder(folder)) {
                files = new ReportWriter().write(report, provenance, run.metrics(), folder);
            }
            return new Result(report, files);
        }
    }

    /** The model's sessions that the data has (fine-tuned runs know more sessions than some datasets hold). */
    static List<String> sessionsIn(Experiment experiment, NedsModel model) {
        List<String> inData = experiment.data().sessions().stream().map(SessionInfo::id).toList();
        List<String> sessions = new ArrayList<>();
        for (SessionInfo s : model.sessions().sessions()) {
            if (inData.contains(s.id())) {
                sessions.add(s.id());
            }
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("the data at " + experiment.config().getString("data.path")
                    + " holds none of the model's sessions " + model.sessions().sessions().stream().map(SessionInfo::id)
                    .toList() + "; to evaluate on new sessions, fine-tune first (neds finetune)");
        }
        return sessions;
    }

    private static FolderLock lockReportFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        return FolderLock.acquire(folder, "neds eval");
    }

    /** The run's provenance, and beside the training data's fingerprint the data this evaluation read. */
    private static Map<String, String> provenance(RunDirectory run, Path checkpoint, Experiment experiment,
                                                  PrintStream console) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("run", run.root().toString());
        p.put("checkpoint", run.root().relativize(checkpoint).toString());
        if (Files.exists(run.provenance())) {
            p.putAll(RunProvenance.read(run.provenance()));
        }
        String evaluated = experiment.data().fingerprint();
        p.put("evaluated_data", experiment.config().getString("data.path"));
        p.put("evaluated_data_fingerprint", evaluated);
        String trained = p.get("data_fingerprint");
        if (trained != null && !trained.equals(evaluated)) {
            console.printf(Locale.ROOT, "note: the evaluated data (%s, fingerprint %s) is not the data the model was "
                    + "trained on (fingerprint %s)%n", p.get("evaluated_data"), evaluated, trained);
        }
        return p;
    }
}
