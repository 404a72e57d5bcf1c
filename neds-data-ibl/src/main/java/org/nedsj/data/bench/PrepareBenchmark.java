package org.nedsj.data.bench;

import com.typesafe.config.ConfigFactory;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.store.PrepareResult;
import org.nedsj.data.synth.SessionLayout;
import org.nedsj.data.synth.SessionSpec;
import org.nedsj.data.synth.SyntheticSessionWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Times {@link DatasetPreparer#prepare} on one synthetic session of 600 trials, 800 units and about
 * 2×10⁷ spikes (two probes), written to a temporary folder, and reports spikes per second (all the
 * session's spikes over the median wall time of a full prepare: reading, filtering, binning, writing).
 */
public final class PrepareBenchmark {

    /** Trials of the benchmark session. */
    public static final int TRIALS = 600;
    /** Simulated neurons of the benchmark session. */
    public static final int NEURONS = 800;
    /** Base-rate multiplier giving about 2×10⁷ spikes for this session. */
    static final double RATE_SCALE = 1.3;

    /**
     * @param spikes        spikes in the session
     * @param trialsKept    trials the pipeline kept
     * @param unitsKept     units the pipeline kept
     * @param seconds       wall time of each repeat
     * @param medianSeconds median of {@code seconds}
     */
    public record Result(long spikes, int trialsKept, int unitsKept, double[] seconds, double medianSeconds) {

        public double spikesPerSecond() {
            return spikes / medianSeconds;
        }

        @Override
        public String toString() {
            return String.format("prepare: %,d spikes, %d trials and %d units kept, median %.2f s over %d runs %s -> %,.0f spikes/s",
                    spikes, trialsKept, unitsKept, medianSeconds, seconds.length, Arrays.toString(seconds), spikesPerSecond());
        }
    }

    private PrepareBenchmark() {
    }

    /** Synthesises the session, prepares it {@code repeats} times (after one warm-up) and returns the timings. */
    public static Result run(int repeats, Consumer<String> log) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be ≥ 1, got " + repeats);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("neds-prepare-bench");
            Path alf = dir.resolve("alf");
            long start = System.nanoTime();
            SyntheticSessionWriter.write(alf, new SessionSpec("benchlab", "BENCH01", "2024-01-01", 1, TRIALS, NEURONS, 2,
                    SessionLayout.ATTRIBUTE_FILES, RATE_SCALE, 42));
            log.accept(String.format("synthesised the benchmark session in %.1f s", (System.nanoTime() - start) / 1e9));
            DatasetPreparer preparer = new DatasetPreparer(ConfigFactory.empty());
            PrepareResult last = preparer.prepare(alf, dir.resolve("warm-up"), s -> { });
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Path out = dir.resolve("data-" + r);
                long t = System.nanoTime();
                last = preparer.prepare(alf, out, s -> { });
                seconds[r] = (System.nanoTime() - t) / 1e9;
                log.accept(String.format("run %d: %.2f s", r + 1, seconds[r]));
                deleteRecursively(out);
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            var s = last.sessions().get(0).summary();
            Result result = new Result(s.spikes(), s.trialsKept(), s.unitsKept(), seconds, median);
            log.accept(result.toString());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark folder: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteRecursively(dir);
            }
        }
    }

    /** {@code java … PrepareBenchmark [repeats]} prints the timings and spikes per second. */
    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 5, System.out::println);
    }

    private static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
