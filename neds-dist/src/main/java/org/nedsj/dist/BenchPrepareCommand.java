package org.nedsj.dist;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds bench prepare}: data-preparation throughput. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Times `prepare` on a synthetic session and prints spikes/s.")
final class BenchPrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", paramLabel = "T", defaultValue = "600", description = "Trials of the synthetic session (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "800", description = "Units of the synthetic session (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--json", description = "End with one JSON line of the figures.")
    boolean json;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
