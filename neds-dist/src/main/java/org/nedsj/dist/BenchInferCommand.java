package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.Locale;
import org.nedsj.trainer.bench.TrainStepBenchmark;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds bench infer}: evaluation throughput. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Times inference (evaluation forward passes) at the reference's shapes: trials/s and step time.")
final class BenchInferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", required = true, paramLabel = "PRESET", description = "Model size: ${COMPLETION-CANDIDATES}.")
    BenchCommand.Preset preset;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "200", description = "Neurons per session (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Trials per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steps", paramLabel = "N", description = "Timed steps after warm-up (default: the harness's).")
    Integer steps;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "fused",
            description = "fused (default) or samediff (the whole model as one SameDiff graph, for comparison).")
    String engine;

    @Option(names = "--json", description = "End with one JSON line of the figures.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int timed = steps != null ? steps : 10;
        TrainStepBenchmark.Result r = BenchSetup.harness(preset, engine, neurons, batch, threads, bench.neds.systemProperties())
                .inference(3, timed);
        out.printf(Locale.ROOT, "neds-j inference (forward, evaluation mode), preset %s, %s engine, %d neurons, batch %d, %d threads; %s%n",
                preset, engine, neurons, batch, threads, BenchSetup.environment());
        out.printf(Locale.ROOT, "  %.1f trials/s; batch median %.3f s (min %.3f, max %.3f, %d batches); %.1f GFLOP/s%n",
                r.trialsPerSecond(), r.median(), r.min(), r.max(), timed, r.gflops());
        if (json) {
            out.printf(Locale.ROOT, "{\"preset\": \"%s\", \"trials_per_s\": %.3f, \"step_s_median\": %.6f, \"gflops\": %.2f}%n",
                    preset, r.trialsPerSecond(), r.median(), r.gflops());
        }
        return 0;
    }

    @ParentCommand
    BenchCommand bench;
}
