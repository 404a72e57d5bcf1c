package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.Locale;
import org.nedsj.data.bench.PrepareBenchmark;

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

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "Timed runs of prepare on one synthetic session of 600 trials, 800 units and about 2·10⁷ spikes (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "End with one JSON line of the figures.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrepareBenchmark.Result r = PrepareBenchmark.run(repeats, line -> {
            out.println(line);
            out.flush();
        });
        out.printf(Locale.ROOT, "prepare: %d spikes, %d trials and %d units kept; median %.3f s over %d runs: %.1f million spikes/s%n",
                r.spikes(), r.trialsKept(), r.unitsKept(), r.medianSeconds(), r.seconds().length, r.spikesPerSecond() / 1e6);
        if (json) {
            out.printf(Locale.ROOT, "{\"spikes\": %d, \"prepare_s_median\": %.6f, \"spikes_per_s\": %.1f}%n",
                    r.spikes(), r.medianSeconds(), r.spikesPerSecond());
        }
        return 0;
    }
}
