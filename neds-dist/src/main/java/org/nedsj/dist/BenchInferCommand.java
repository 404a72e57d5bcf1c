package org.nedsj.dist;

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

    @Option(names = "--json", description = "End with one JSON line of the figures.")
    boolean json;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
