package org.nedsj.trainer.bench;

import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.train.TrainRun;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the real training loop on a prepared dataset: a fresh run of the experiment for a few
 * epochs into a temporary folder (removed afterwards), with every part a run has (batch assembly
 * across sessions, masking plans, dropout, validation passes, checkpoints, metrics). Reports the
 * training part of each epoch (what the progress bar shows) and the whole epoch, so it compares
 * with {@link TrainStepBenchmark} at the same shapes.
 */
public final class TrainingLoopBenchmark {

    /** Per timed epoch: seconds of the training steps, trials trained, and seconds of steps plus validation. */
    public record Result(double[] trainSeconds, int[] trials, double[] epochSeconds, int widestSession, int batch) {

        /** Median over timed epochs of trained trials per second of training time. */
        public double trainingTrialsPerSecond() {
            double[] r = new double[trainSeconds.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = trials[i] / trainSeconds[i];
            }
            return median(r);
        }

        /** Median over timed epochs of trained trials per second of training and validation time. */
        public double epochTrialsPerSecond() {
            double[] r = new double[epochSeconds.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = trials[i] / epochSeconds[i];
            }
            return median(r);
        }

        private static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
    }

    private TrainingLoopBenchmark() {
    }

    /**
     * Trains {@code 1 + epochs} epochs (the first is warm-up and not counted) of the experiment,
     * which must name its data ({@code data.path}).
     */
    public static Result run(Experiment experiment, int epochs) throws IOException {
        Path tmp = Files.createTempDirectory("neds-bench-loop-");
        Path out = tmp.resolve("run");
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            TrainRun.start(experiment, out, quiet, false);
            return read(out.resolve("metrics.csv"), widest(experiment), experiment.training().batchSize());
        } finally {
            deleteTree(tmp);
        }
    }

    private static int widest(Experiment experiment) {
        int widest = 0;
        for (SessionInfo s : experiment.trainingSessions()) {
            for (ModalitySpec m : experiment.data().modalities()) {
                if (m.isNeural()) {
                    widest = Math.max(widest, s.width(m));
                }
            }
        }
        return widest;
    }

    /** Reads the timed epochs (all but the first) from {@code metrics.csv}. */
    private static Result read(Path metrics, int widest, int batch) throws IOException {
        List<String> lines = Files.readAllLines(metrics);
        List<String> header = List.of(lines.get(0).split(","));
        int seconds = header.indexOf("seconds");
        int rate = header.indexOf("trials_per_s");
        int validation = header.indexOf("val_seconds");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split(",");
            double train = Double.parseDouble(f[seconds]);
            rows.add(new double[]{train, Double.parseDouble(f[rate]), train + Double.parseDouble(f[validation])});
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the run stopped after its warm-up epoch; nothing was timed");
        }
        double[] train = rows.stream().mapToDouble(r -> r[0]).toArray();
        int[] trials = rows.stream().mapToInt(r -> (int) Math.round(r[0] * r[1])).toArray();
        double[] whole = rows.stream().mapToDouble(r -> r[2]).toArray();
        return new Result(train, trials, whole, widest, batch);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
