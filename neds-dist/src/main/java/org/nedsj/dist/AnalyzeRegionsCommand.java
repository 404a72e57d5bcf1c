package org.nedsj.dist;

import org.nedsj.eval.regions.RegionAnalysis;
import org.nedsj.eval.regions.RegionDecoding;
import org.nedsj.eval.regions.RegionScore;
import org.nedsj.eval.report.RegionReport;
import org.nedsj.prep.regions.RegionMap;
import org.nedsj.trainer.analysis.RegionEmbeddingAnalysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds analyze regions}: whether neurons' learned embeddings predict the brain region they were recorded in. */
@Command(name = "regions", mixinStandardHelpOptions = true,
        description = "Decodes each neuron's brain region from its learned embedding (input and output stitchers), "
                + "cross-validated over sessions, beside chance and a firing-statistics baseline; writes regions.html and regions.json.")
final class AnalyzeRegionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory of a trained model.")
    Path run;

    @Option(names = "--data", paramLabel = "DATA", description = "Prepared dataset holding the model's sessions (default: the run's).")
    Path data;

    @Option(names = "--embedding", defaultValue = "both", paramLabel = "KIND",
            description = "Embedding shown in the projection: input, output or both (default: ${DEFAULT-VALUE}); all three are scored.")
    String embedding;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Folds at most, grouped by session (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--penalty", defaultValue = "0.01", paramLabel = "L",
            description = "L2 penalty of the classifier on z-scored features (default: ${DEFAULT-VALUE}).")
    double penalty;

    @Option(names = "--region-map", paramLabel = "FILE", description = "CSV (acronym,parcel) or HOCON map to coarser regions, applied to the neurons' regions before decoding.")
    Path regionMap;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN/report).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (folds < 2 || penalty < 0) {
            throw new IllegalArgumentException("--folds must be ≥ 2 and --penalty ≥ 0, got " + folds + " and " + penalty);
        }
        RegionMap map = regionMap == null ? RegionMap.IDENTITY : RegionMap.read(regionMap);
        RegionAnalysis a = RegionEmbeddingAnalysis.run(run, data, embedding, new RegionDecoding(folds, penalty, 300), map::parcel,
                regionMap == null ? null : regionMap.toString());
        List<Path> files = RegionReport.write(a, out != null ? out : run.resolve("report"));
        PrintWriter w = spec.commandLine().getOut();
        w.println("neurons per session and region: " + a.neurons());
        w.printf(Locale.ROOT, "%-24s %5s %8s %7s %9s %7s%n", "features", "dims", "accuracy", "chance", "balanced", "chance");
        for (RegionScore s : a.scores()) {
            w.printf(Locale.ROOT, "%-24s %5d %8.3f %7.3f %9.3f %7.3f%n", s.features(), s.dimensions(), s.accuracy(),
                    s.majorityChance(), s.balancedAccuracy(), s.balancedChance());
        }
        files.forEach(f -> w.println("wrote " + f));
        w.flush();
        return 0;
    }
}
