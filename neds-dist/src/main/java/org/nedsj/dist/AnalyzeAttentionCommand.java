package org.nedsj.dist;

import org.nedsj.spi.Split;
import org.nedsj.trainer.analysis.AttentionAnalysis;
import org.nedsj.trainer.analysis.AttentionOffsets;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neds analyze attention}: where hidden tokens of one modality look in another, by time offset. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = "Share of a hidden query modality's attention (e.g. wheel, decoded) over a key modality's tokens "
                + "(e.g. spikes) by time offset in bins, per layer; writes attention-offsets.csv.")
final class AnalyzeAttentionCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory of a trained model.")
    Path run;

    @Option(names = "--query", defaultValue = "wheel", paramLabel = "MODALITY", description = "Query modality (default: ${DEFAULT-VALUE}).")
    String query;

    @Option(names = "--key", defaultValue = "spikes", paramLabel = "MODALITY", description = "Key modality (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--scheme", defaultValue = "decoding", paramLabel = "SCHEME", description = "Masking scheme (default: ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--trials", defaultValue = "64", paramLabel = "N", description = "Trials per session at most (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--out", paramLabel = "CSV", description = "Output file (default: RUN/report/attention-offsets.csv).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path csv = out != null ? out : run.resolve("report").resolve("attention-offsets.csv");
        java.nio.file.Files.createDirectories(csv.toAbsolutePath().getParent());
        AttentionOffsets o = AttentionAnalysis.run(run, query, key, scheme, Split.parse(split), trials, 10, csv);
        System.out.printf(Locale.ROOT, "%s tokens hidden by %s: share of their attention over %s at offset d (bins)%n",
                query, scheme, key);
        System.out.printf(Locale.ROOT, "layer  d=0     |d|<=1  |d|<=2  |d|<=5   (uniform: %.3f %.3f %.3f %.3f)%n",
                o.uniformWithin(0), o.uniformWithin(1), o.uniformWithin(2), o.uniformWithin(5));
        for (int layer = 0; layer < o.layers(); layer++) {
            System.out.printf(Locale.ROOT, "%5d  %.3f   %.3f   %.3f   %.3f%n", layer, o.within(layer, 0), o.within(layer, 1),
                    o.within(layer, 2), o.within(layer, 5));
        }
        System.out.println("wrote " + csv);
        return 0;
    }
}
