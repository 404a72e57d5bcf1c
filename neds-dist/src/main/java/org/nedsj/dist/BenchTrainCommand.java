package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nedsj.trainer.bench.TrainingLoopBenchmark;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;
import java.nio.file.Path;
import java.util.Locale;
import org.nedsj.model.ModelConfig;
import org.nedsj.trainer.bench.SgemmPeak;
import org.nedsj.trainer.bench.TorchReference;
import org.nedsj.trainer.bench.TrainStepBenchmark;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds bench train}: training-step throughput at the PyTorch reference's shapes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Times the training step at the PyTorch reference's shapes and thread count, after warm-up: "
                + "trials/s, step time (median, spread), GFLOP/s and its share of the sgemm peak measured in the same run.",
                "With --json the last line of output is one JSON object."})
final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchShape shape;

    @Option(names = "--json", description = "End with one JSON line: trials_per_s, step_s_median, gflops, peak_gflops, ...")
    boolean json;

    @Option(names = "--vs-torch", description = "Also run the PyTorch reference with the same shapes and print the ratio ours/PyTorch.")
    boolean vsTorch;

    @Option(names = "--torch-reference", paramLabel = "FILE",
            description = "torch_reference.py (default: shared/bench/torch_reference.py above the working directory).")
    Path torchReference;

    @Option(names = "--python", paramLabel = "PYTHON", defaultValue = "/usr/bin/python3",
            description = "Python with PyTorch for --vs-torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--data", paramLabel = "DATA",
            description = "Time the whole training loop on this prepared dataset (with --config and --set), beside the step alone "
                    + "at the same shapes (widest session, batch size, model of the experiment).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment for --data (default: the modules' defaults).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one configuration key of the --data experiment (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2",
            description = "Epochs of the loop timed with --data, after one warm-up epoch (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--replicas", paramLabel = "N[,N...]", split = ",",
            description = "Time the step computed by each number of replicas in turn (e.g. 1,2: 1 replica with all --threads "
                    + "against 2 replicas with --threads / 2 each), the medians side by side and each against the first.")
    List<Integer> replicas = new ArrayList<>();

    @Option(names = "--sessions", paramLabel = "N[,N...]", split = ",",
            description = "Train over each number of synthetic prepared sessions in turn (widths 100-800 neurons, memory-mapped "
                    + "from a temporary folder): time per epoch extrapolated from --steps steps, and peak memory (heap, "
                    + "ND4J off-heap, mapped, resident) as sessions grow.")
    List<Integer> sessions = new ArrayList<>();

    @Option(names = "--session-trials", paramLabel = "T", defaultValue = "400",
            description = "Trials per synthetic session for --sessions, 70%% of them training trials (default: ${DEFAULT-VALUE}).")
    int sessionTrials;

    @ParentCommand
    BenchCommand bench;

    @Override
    public Integer call() throws Exception {
        if (data != null) {
            return loop(spec.commandLine().getOut());
        }
        if (!replicas.isEmpty()) {
            return replicas(spec.commandLine().getOut());
        }
        if (!sessions.isEmpty()) {
            return new ManySessionsTable(shape, sessions, sessionTrials, bench.neds.systemProperties(), json)
                    .print(spec.commandLine().getOut());
        }
        PrintWriter out = spec.commandLine().getOut();
        int timed = shape.steps;
        TrainStepBenchmark harness = BenchSetup.harness(shape, bench.neds.systemProperties());
        double peak = SgemmPeak.measure(2048, 3);
        TrainStepBenchmark.Result r = harness.training(3, timed);
        out.printf(Locale.ROOT, "neds-j training step (%d parameters), %s%n", r.parameters(), shape.describe());
        out.printf(Locale.ROOT, "  %.1f trials/s; step median %.3f s (min %.3f, max %.3f, %d steps); %.1f GFLOP/s = %.0f%% of the "
                + "sgemm peak %.1f GFLOP/s%n", r.trialsPerSecond(), r.median(), r.min(), r.max(), timed, r.gflops(),
                100 * r.gflops() / peak, peak);
        out.println("  where a step's time goes (seconds per step):");
        r.phaseSeconds().forEach((phase, seconds) -> out.printf(Locale.ROOT, "    %-34s %.4f%n", phase, seconds));
        String torchJson = "";
        if (vsTorch) {
            ModelConfig c = harness.config();
            TorchReference.Result t = TorchReference.run(python, TorchReference.locate(torchReference), c.hidden(), c.layers(),
                    c.heads(), c.mlp(), shape.neurons, shape.batch, timed, shape.threads);
            double ratio = r.trialsPerSecond() / t.trialsPerSecond();
            out.printf(Locale.ROOT, "%s training step, same shapes (%d parameters): %.1f trials/s; step mean %.3f s%n",
                    t.engine(), t.parameters(), t.trialsPerSecond(), t.stepSeconds());
            out.printf(Locale.ROOT, "ratio neds-j / pytorch: %.2f%n", ratio);
            torchJson = String.format(Locale.ROOT, ", \"torch_trials_per_s\": %.3f, \"torch_step_s\": %.6f, \"ratio\": %.3f",
                    t.trialsPerSecond(), t.stepSeconds(), ratio);
        }
        if (json) {
            out.printf(Locale.ROOT, "{\"preset\": \"%s\", \"trials_per_s\": %.3f, \"step_s_median\": %.6f, \"step_s_min\": %.6f, "
                    + "\"step_s_max\": %.6f, \"gflops\": %.2f, \"peak_gflops\": %.2f%s}%n", shape.preset, r.trialsPerSecond(),
                    r.median(), r.min(), r.max(), r.gflops(), peak, torchJson);
        }
        return 0;
    }

    /**
     * The step computed by each replica count of {@link #replicas}, alternating rounds so that drift in the
     * machine's speed falls on every count alike; the median over all rounds, and each against the first count.
     */
    private int replicas(PrintWriter out) {
        for (int n : replicas) {
            if (n < 1 || n > shape.threads) {
                throw new IllegalArgumentException("--replicas " + n + ": each count must be between 1 and --threads ("
                        + shape.threads + "), so every replica has at least one thread");
            }
        }
        TrainStepBenchmark harness = BenchSetup.harness(shape, bench.neds.systemProperties());
        int rounds = 3;
        List<List<Double>> times = new ArrayList<>();
        replicas.forEach(n -> times.add(new ArrayList<>()));
        long parameters = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < replicas.size(); k++) {
                TrainStepBenchmark.Result r = harness.training(2, shape.steps, replicas.get(k), shape.threads);
                parameters = r.parameters();
                for (double t : r.stepSeconds()) {
                    times.get(k).add(t);
                }
            }
        }
        out.printf(Locale.ROOT, "neds-j training step (%d parameters) by replicas, %s; %d rounds of %d steps per count%n",
                parameters, shape.describe(), rounds, shape.steps);
        out.printf(Locale.ROOT, "  %-26s %12s %12s %10s%n", "replicas x threads", "step median", "trials/s", "speed-up");
        double first = Double.NaN;
        StringBuilder jsonParts = new StringBuilder();
        for (int k = 0; k < replicas.size(); k++) {
            double median = median(times.get(k));
            if (k == 0) {
                first = median;
            }
            int n = replicas.get(k);
            out.printf(Locale.ROOT, "  %-26s %10.3f s %12.1f %9.2fx%n", n + " x " + Math.max(1, shape.threads / n),
                    median, shape.batch / median, first / median);
            jsonParts.append(String.format(Locale.ROOT, "%s\"%d\": {\"step_s_median\": %.6f, \"ratio\": %.3f}",
                    k == 0 ? "" : ", ", n, median, first / median));
        }
        if (json) {
            out.printf(Locale.ROOT, "{\"replicas\": {%s}}%n", jsonParts);
        }
        return 0;
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The whole loop on {@link #data}, then the step alone at its shapes; both medians, and their ratio. */
    private int loop(PrintWriter out) throws Exception {
        List<String> all = new ArrayList<>(sets);
        all.add(ConfigOverrides.setString("data.path", data.toAbsolutePath().toString()));
        all.add("train.epochs=" + (epochs + 1));
        all.add("train.patience=" + (epochs + 2));
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.ofNullable(config), all,
                bench.neds.systemProperties()))) {
            TrainingLoopBenchmark.Result loop = TrainingLoopBenchmark.run(experiment, epochs);
            TrainStepBenchmark step = new TrainStepBenchmark(experiment.modelConfig(),
                    experiment.bindings(experiment.data().modalities()), loop.widestSession(), loop.batch());
            TrainStepBenchmark.Result alone = step.training(3, shape.steps);
            out.printf(Locale.ROOT, "training loop on %s (%d timed epochs after 1 warm-up; batch %d, widest session %d neurons; %s)%n",
                    data, epochs, loop.batch(), loop.widestSession(), BenchSetup.environment());
            out.printf(Locale.ROOT, "  loop, training steps:         %.1f trials/s%n", loop.trainingTrialsPerSecond());
            out.printf(Locale.ROOT, "  loop, steps and validation:   %.1f trials/s%n", loop.epochTrialsPerSecond());
            out.printf(Locale.ROOT, "  step alone, same shapes:      %.1f trials/s (median of %d steps)%n",
                    alone.trialsPerSecond(), shape.steps);
            out.println("  where the step alone spends its time (seconds per step):");
            alone.phaseSeconds().forEach((phase, seconds) -> out.printf(Locale.ROOT, "    %-34s %.4f%n", phase, seconds));
            double ratio = loop.trainingTrialsPerSecond() / alone.trialsPerSecond();
            out.printf(Locale.ROOT, "ratio loop / step: %.2f%n", ratio);
            if (json) {
                out.printf(Locale.ROOT, "{\"loop_trials_per_s\": %.3f, \"loop_with_validation_trials_per_s\": %.3f, "
                        + "\"step_trials_per_s\": %.3f, \"ratio\": %.3f}%n", loop.trainingTrialsPerSecond(),
                        loop.epochTrialsPerSecond(), alone.trialsPerSecond(), ratio);
            }
        }
        return 0;
    }
}
