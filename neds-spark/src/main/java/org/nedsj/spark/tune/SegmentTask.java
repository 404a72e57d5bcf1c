package org.nedsj.spark.tune;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.nedsj.trainer.parallel.CoreShare;
import org.nedsj.trainer.tune.TrialSegment;

/**
 * A trial segment run by an executor: its training output goes to the trial's {@code tune.log} (on the shared
 * path), its OpenMP threads are {@code spark.task.cpus}.
 */
final class SegmentTask implements Function<TrialSegment, TrialSegment.Outcome> {

    private static final long serialVersionUID = 1L;

    private final int threads;

    SegmentTask(int threads) {
        this.threads = threads;
    }

    @Override
    public TrialSegment.Outcome call(TrialSegment segment) {
        CoreShare.of(1, threads).applyToThisThread();
        Path dir = Path.of(segment.trialDir());
        try {
            Files.createDirectories(dir);
            try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve(TrialSegment.LOG).toFile(), true), true,
                    StandardCharsets.UTF_8)) {
                return segment.run(log, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
