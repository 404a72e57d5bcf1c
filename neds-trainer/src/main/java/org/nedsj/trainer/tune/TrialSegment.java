package org.nedsj.trainer.tune;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.evaluate.ValidationScores;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.train.TrainRun;
import org.nedsj.trainer.train.TrainerState;

/**
 * One training job of a sweep: trial {@code trialDir} trained (or resumed from its checkpoint) to {@code epoch},
 * then measured by {@code tune.metric}. It judges nothing: the sweep's scheduler does, where the journal is. A
 * segment carries everything it needs, so it runs alike in this process, in a child process or as a cluster task
 * (trial directories on a path every worker sees).
 *
 * @param experimentFile the experiment file's absolute path, or null
 * @param sets           the sweep's {@code --set} arguments, then the trial's values and budget
 * @param properties     the {@code neds.*} system properties of the sweep
 */
public record TrialSegment(int trial, String trialDir, String experimentFile, List<String> sets, Properties properties,
                           int epoch, String metric) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The trial's file of training output when it runs outside the sweep's process. */
    public static final String LOG = "tune.log";

    public TrialSegment {
        sets = List.copyOf(sets);
        Properties copy = new Properties();
        copy.putAll(properties);
        properties = copy;
    }

    /** What came of a segment: the epoch the trial reached, its metric there, or the error that ended it. */
    public record Outcome(int epoch, double metric, String error) implements Serializable {

        private static final long serialVersionUID = 1L;

        static Outcome failed(int epoch, String error) {
            return new Outcome(epoch, Double.NaN, error);
        }

        /** The failure of a segment of {@code trialDir} that ended with {@code error}, at the epoch the trial reached. */
        public static Outcome failed(String trialDir, String error) {
            return failed(TrialMetrics.epochReached(Path.of(trialDir)), error);
        }

        public boolean isFailure() {
            return error != null;
        }
    }

    /** Trains and measures the trial; an error becomes a failed outcome, never an exception. */
    public Outcome run(PrintStream console, boolean terminal) {
        Path dir = Path.of(trialDir);
        try {
            TrainerState state;
            if (Files.isRegularFile(dir.resolve("resolved.conf"))) {
                state = TrainRun.resume(dir, List.of(), console, terminal, epoch);
            } else {
                ExperimentSources sources = new ExperimentSources(Optional.ofNullable(experimentFile).map(Path::of), sets,
                        properties);
                try (Experiment experiment = Experiment.open(sources)) {
                    state = TrainRun.start(experiment, dir, console, terminal, epoch);
                }
            }
            return new Outcome(state.epoch(), measure(dir, state.epoch()), null);
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(TrialMetrics.epochReached(dir), e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private double measure(Path dir, int reached) throws IOException {
        TuneMetric tuned = new TuneMetric(metric);
        if (tuned.isLoss()) {
            return TrialMetrics.read(dir.resolve("metrics.csv"), metric).at(reached);
        }
        Map<String, Double> scores = ValidationScores.of(dir).getOrDefault(tuned.scheme(), Map.of());
        double value = scores.getOrDefault(tuned.key(), Double.NaN);
        TrialMetrics.record(dir, metric, reached, value);
        return value;
    }
}
