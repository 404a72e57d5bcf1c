package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.Locale;
import org.nedsj.trainer.bench.TrainStepBenchmark;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds bench infer}: evaluation throughput. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Times inference (evaluation forward passes) at the reference's shapes: trials/s and step time.")
final class BenchInferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchShape shape;

    @Option(names = "--json", description = "End with one JSON line of the figures.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainStepBenchmark.Result r = BenchSetup.harness(shape, bench.neds.systemProperties()).inference(3, shape.steps);
        out.println("neds-j inference (forward, evaluation mode), " + shape.describe());
        out.printf(Locale.ROOT, "  %.1f trials/s; batch median %.3f s (min %.3f, max %.3f, %d batches); %.1f GFLOP/s%n",
                r.trialsPerSecond(), r.median(), r.min(), r.max(), shape.steps, r.gflops());
        if (json) {
            out.printf(Locale.ROOT, "{\"preset\": \"%s\", \"trials_per_s\": %.3f, \"step_s_median\": %.6f, \"gflops\": %.2f}%n",
                    shape.preset, r.trialsPerSecond(), r.median(), r.gflops());
        }
        return 0;
    }

    @ParentCommand
    BenchCommand bench;
}
