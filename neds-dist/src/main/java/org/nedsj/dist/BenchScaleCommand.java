package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nedsj.model.ModelConfig;
import org.nedsj.trainer.bench.EpochEstimate;
import org.nedsj.trainer.bench.ScaleModel;
import org.nedsj.trainer.bench.SgemmPeak;
import org.nedsj.trainer.bench.TrainStepBenchmark;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds bench scale}: the scale presets on paper, and an epoch of the NEDS dataset on 1, 4 and 8 GPUs. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"The scale model on paper: for each preset (neds-5, neds-16, neds-22) FLOPs and bytes per trial, "
                + "parameter bytes and gradient bytes exchanged per step, and the time of one epoch of the NEDS pretraining "
                + "data on 1, 4 and 8 H100 GPUs, from the GPU's published peak times the efficiency of this machine's "
                + "training step (measured here at --preset/--neurons/--batch, or given with --efficiency), and the "
                + "gradient exchange over NVLink and over Ethernet.",
                "Every assumption is printed above the tables."})
final class BenchScaleCommand implements Callable<Integer> {

    /** NVIDIA H100 SXM5 datasheet, dense (without sparsity). */
    static final double H100_FP32 = 67e12;
    static final double H100_TF32 = 494.7e12;
    static final double NVLINK_BYTES_PER_S = 450e9;
    static final double ETHERNET_BYTES_PER_S = 25e9 / 8;
    private static final int[] GPUS = {1, 4, 8};

    @Spec
    CommandSpec spec;

    @Mixin
    BenchShape shape;

    @ParentCommand
    BenchCommand bench;

    @Option(names = "--efficiency", paramLabel = "E",
            description = "Share of the GPU's peak a training step reaches (default: measured on this machine as the training "
                    + "step's GFLOP/s over the sgemm peak).")
    Double efficiency;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "74",
            description = "Pretraining sessions (default: ${DEFAULT-VALUE}, NEDS's 84 less the 10 held out).")
    int sessions;

    @Option(names = "--trials", paramLabel = "T", defaultValue = "400", description = "Trials per session (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.7",
            description = "Share of each session's trials in the training split (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--mean-width", paramLabel = "N", defaultValue = "450",
            description = "Mean neurons per session, for the stitchers' FLOPs (default: ${DEFAULT-VALUE}, the middle of 100-800).")
    int meanWidth;

    @Option(names = "--widest", paramLabel = "N", defaultValue = "800",
            description = "Neurons of the widest session, to which every stitcher is padded (default: ${DEFAULT-VALUE}).")
    int widest;

    @Option(names = "--scale-batch", paramLabel = "B", defaultValue = "64",
            description = "Trials per optimiser step over all GPUs (default: ${DEFAULT-VALUE}, NEDS above 40 sessions).")
    int scaleBatch;

    @Override
    public Integer call() {
        requirePositive("--sessions", sessions);
        requirePositive("--trials", trials);
        requirePositive("--mean-width", meanWidth);
        requirePositive("--widest", widest);
        requirePositive("--scale-batch", scaleBatch);
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("--train-fraction " + trainFraction + ": give a share between 0 (exclusive) and 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        String measured = "given with --efficiency";
        double e;
        if (efficiency != null) {
            e = efficiency;
        } else {
            TrainStepBenchmark harness = BenchSetup.harness(shape, bench.neds.systemProperties());
            double peak = SgemmPeak.measure(2048, 3);
            double step = harness.training(2, shape.steps).gflops();
            e = step / peak;
            measured = String.format(Locale.ROOT, "measured here: training step %.1f GFLOP/s / sgemm peak %.1f GFLOP/s (%s)",
                    step, peak, shape.describe());
        }
        if (!(e > 0 && e <= 1)) {
            throw new IllegalArgumentException("--efficiency " + e + ": give a share of the peak between 0 (exclusive) and 1");
        }
        long epochTrials = Math.round(sessions * (double) trials * trainFraction);
        out.println("scale model on paper; assumptions:");
        out.printf(Locale.ROOT, "  data: %d pretraining sessions x %d trials, %.0f%% in the training split = %d trials per epoch; "
                + "mean %d neurons per session (stitcher FLOPs), stitchers padded to the widest, %d (parameters)%n",
                sessions, trials, 100 * trainFraction, epochTrials, meanWidth, widest);
        out.printf(Locale.ROOT, "  step: batch %d trials per optimiser step over all GPUs, split evenly; backward = 2 x forward; "
                + "element-wise work not counted%n", scaleBatch);
        out.printf(Locale.ROOT, "  GPU: H100 SXM published dense peaks FP32 %.1f TFLOP/s, TF32 tensor %.1f TFLOP/s; "
                + "efficiency %.3f of peak (%s)%n", H100_FP32 / 1e12, H100_TF32 / 1e12, e, measured);
        out.printf(Locale.ROOT, "  exchange: ring all-reduce of the whole fp32 gradient once per optimiser step, not overlapped; "
                + "NVLink %.0f GB/s per direction (GPUs of one node), Ethernet 25 Gb/s = %.3f GB/s (one GPU per machine)%n",
                NVLINK_BYTES_PER_S / 1e9, ETHERNET_BYTES_PER_S / 1e9);
        List<String> presets = List.of("neds-5", "neds-16", "neds-22");
        List<ScaleModel> models = presets.stream().map(this::model).toList();
        out.println();
        out.printf(Locale.ROOT, "%-8s %6s %6s %11s %11s %12s %11s %9s %11s %13s %13s%n", "preset", "layers", "tokens", "GFLOP/trial",
                "input KB/tr", "activ MB/tr", "parameters", "param MB", "backbone MB", "ring MB 4 GPU", "ring MB 8 GPU");
        for (int i = 0; i < presets.size(); i++) {
            ScaleModel m = models.get(i);
            out.printf(Locale.ROOT, "%-8s %6d %6d %11.3f %11.1f %12.1f %11d %9.1f %11.1f %13.1f %13.1f%n", presets.get(i), m.layers(),
                    m.tokens(), m.trainingFlops(meanWidth) / 1e9, m.inputBytes(meanWidth) / 1e3, m.activationBytes() / 1e6,
                    m.parameters(), m.parameterBytes() / 1e6, m.backboneParameters() * 4 / 1e6,
                    m.ringAllReduceBytes(4) / 1e6, m.ringAllReduceBytes(8) / 1e6);
        }
        EpochEstimate fp32 = new EpochEstimate(epochTrials, meanWidth, scaleBatch, H100_FP32, e);
        EpochEstimate tf32 = new EpochEstimate(epochTrials, meanWidth, scaleBatch, H100_TF32, e);
        out.println();
        out.println("seconds per epoch: compute at each peak x efficiency; gradient exchange at train.accumulate = 1; the least "
                + "power-of-two train.accumulate at which the exchange takes no longer than the TF32 compute");
        out.printf(Locale.ROOT, "%-8s %4s %12s %12s %12s %12s %14s %14s%n", "preset", "GPUs", "compute FP32", "compute TF32",
                "NVLink", "Ethernet", "accum NVLink", "accum Ethernet");
        for (int i = 0; i < presets.size(); i++) {
            ScaleModel m = models.get(i);
            for (int n : GPUS) {
                out.printf(Locale.ROOT, "%-8s %4d %12.1f %12.1f %12.2f %12.1f %14s %14s%n", presets.get(i), n,
                        fp32.computeSeconds(m, n), tf32.computeSeconds(m, n),
                        tf32.exchangeSeconds(m, n, NVLINK_BYTES_PER_S, 1), tf32.exchangeSeconds(m, n, ETHERNET_BYTES_PER_S, 1),
                        n == 1 ? "-" : String.valueOf(tf32.accumulationToHide(m, n, NVLINK_BYTES_PER_S)),
                        n == 1 ? "-" : String.valueOf(tf32.accumulationToHide(m, n, ETHERNET_BYTES_PER_S)));
            }
        }
        return 0;
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " " + value + ": give a positive number");
        }
    }

    private ScaleModel model(String preset) {
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.empty(), List.of("model.preset=" + preset),
                bench.neds.systemProperties()))) {
            ModelConfig c = experiment.modelConfig();
            return new ScaleModel(c.hidden(), c.layers(), c.heads(), c.mlp(), TrainStepBenchmark.modalities(100), sessions, widest);
        }
    }
}
