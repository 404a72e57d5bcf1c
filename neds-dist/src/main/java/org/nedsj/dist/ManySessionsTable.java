package org.nedsj.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.prep.store.PreparedDataSource;
import org.nedsj.prep.store.PreparedStore;
import org.nedsj.prep.store.SyntheticPreparedData;
import org.nedsj.trainer.bench.ManySessionsBenchmark;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;

/** {@code neds bench train --sessions}: training over growing numbers of memory-mapped sessions, time and memory per count. */
final class ManySessionsTable {

    static final int BINS = 100;
    static final int NARROWEST = 100;
    static final int WIDEST = 800;
    private static final double MB = 1e6;

    private final BenchShape shape;
    private final List<Integer> counts;
    private final int trials;
    private final Properties system;
    private final boolean json;

    ManySessionsTable(BenchShape shape, List<Integer> counts, int trials, Properties system, boolean json) {
        for (int n : counts) {
            if (n < 1) {
                throw new IllegalArgumentException("--sessions " + n + ": each count must be at least 1");
            }
        }
        if (trials < 10) {
            throw new IllegalArgumentException("--session-trials " + trials + ": give at least 10, so every split has trials");
        }
        this.shape = shape;
        this.counts = List.copyOf(counts);
        this.trials = trials;
        this.system = system;
        this.json = json;
    }

    int print(PrintWriter out) {
        Nd4j.getEnvironment().setMaxMasterThreads(shape.threads);
        Nd4j.getEnvironment().setMaxThreads(shape.threads);
        Nd4j.factory().blas().setMaxThreads(shape.threads);
        out.printf(Locale.ROOT, "training over many sessions: synthetic prepared sessions of %d trials (70%% training) and %d bins, "
                + "widths %d-%d neurons spread evenly (1 session: %d), memory-mapped from a temporary folder; preset %s, %s engine, batch %d, %d threads; %s; %d timed "
                + "steps after 2 warm-up, epoch time extrapolated from the median step%n", trials, BINS, NARROWEST, WIDEST, WIDEST,
                shape.preset, shape.engine, shape.batch, shape.threads, BenchSetup.environment(), shape.steps);
        out.printf(Locale.ROOT, "  %8s %9s %12s %11s %10s %12s %10s %13s %10s %10s %10s%n", "sessions", "widths", "train trials",
                "parameters", "step s", "epoch s", "heap MB", "RSS MB", "mapped MB", "VmHWM MB", "written s");
        List<String> rows = new ArrayList<>();
        for (int n : counts) {
            Path tmp = temporaryFolder();
            try {
                long t0 = System.nanoTime();
                PreparedDataSource data = SyntheticPreparedData.write(tmp.resolve("data"), n, trials, BINS, NARROWEST, WIDEST, n);
                double written = (System.nanoTime() - t0) / 1e9;
                ManySessionsBenchmark.Result r = run(data);
                out.printf(Locale.ROOT, "  %8d %9s %12d %11d %10.3f %12.1f %10.1f %13.1f %10.1f %10.1f %10.1f%n", r.sessions(),
                        r.narrowest() + "-" + r.widest(), r.trainTrials(), r.parameters(), r.stepSeconds(), r.epochSeconds(),
                        r.peakHeap() / MB, r.peakResident() / MB, r.mappedBytes() / MB, r.highWater() / MB, written);
                out.flush();
                rows.add(String.format(Locale.ROOT, "\"%d\": {\"step_s_median\": %.6f, \"epoch_s\": %.3f, \"heap_peak_bytes\": %d, "
                        + "\"rss_peak_bytes\": %d, \"mapped_bytes\": %d, \"vmhwm_bytes\": %d}", n, r.stepSeconds(),
                        r.epochSeconds(), r.peakHeap(), r.peakResident(), r.mappedBytes(), r.highWater()));
            } finally {
                PreparedStore.deleteRecursively(tmp);
            }
        }
        if (json) {
            out.printf(Locale.ROOT, "{\"sessions\": {%s}}%n", String.join(", ", rows));
        }
        return 0;
    }

    private ManySessionsBenchmark.Result run(PreparedDataSource data) {
        List<String> sets = List.of("model.preset=" + shape.preset.name(), "model.engine=" + shape.engine, "model.dropout=0",
                "model.embed-dropout=0");
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.empty(), sets, system))) {
            return ManySessionsBenchmark.run(data, experiment.modelConfig(), experiment.bindings(data.modalities()), shape.batch, 2,
                    shape.steps);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("neds-bench-sessions-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the synthetic sessions: " + e.getMessage(), e);
        }
    }
}
