package org.nedsj.dist;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    @Option(names = "--preset", required = true, paramLabel = "PRESET",
            description = "Model size: ${COMPLETION-CANDIDATES}.")
    BenchCommand.Preset preset;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "200", description = "Neurons per session (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Trials per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steps", paramLabel = "N", description = "Timed steps after warm-up (default: the harness's).")
    Integer steps;

    @Option(names = "--json", description = "End with one JSON line: trials_per_s, step_s_median, gflops, peak_gflops, ...")
    boolean json;

    @Option(names = "--vs-torch", description = "Also run the PyTorch reference with the same shapes and print the ratio ours/PyTorch.")
    boolean vsTorch;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
