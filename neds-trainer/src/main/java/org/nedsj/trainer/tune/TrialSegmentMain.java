package org.nedsj.trainer.tune;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import org.nedsj.trainer.parallel.CoreShare;

/**
 * The main of a child process of {@link TrialProcesses}: runs the {@link TrialSegment}s that arrive on standard
 * input one after another with {@code args[0]} threads, each with its output in the trial's {@code tune.log} and
 * its outcome left in the trial's {@code tune-outcome.bin}, then says so on standard output. It ends when its
 * standard input closes (the sweep has ended or was killed), at once, even in the middle of a segment.
 */
public final class TrialSegmentMain {

    private TrialSegmentMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        PrintStream sweep = System.out;
        PrintStream errors = System.err;
        BlockingQueue<TrialSegment> segments = new SynchronousQueue<>();
        Thread reader = new Thread(() -> read(segments), "neds-tune-segments");
        reader.setDaemon(true);
        reader.start();
        CoreShare share = CoreShare.of(1, threads);
        share.enter();
        share.applyToThisThread();
        while (true) {
            TrialSegment segment = segments.take();
            Path dir = Path.of(segment.trialDir());
            TrialSegment.Outcome outcome;
            try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve(TrialSegment.LOG).toFile(), true), true,
                    StandardCharsets.UTF_8)) {
                System.setOut(log);
                System.setErr(log);
                outcome = segment.run(log, false);
            } finally {
                System.setOut(sweep);
                System.setErr(errors);
            }
            write(outcome, dir.resolve(TrialProcesses.OUTCOME));
            sweep.println(TrialProcesses.DONE);
            sweep.flush();
        }
    }

    /** Hands on the segments the sweep sends; the end of input (or a broken pipe) is the sweep's end, and ours. */
    private static void read(BlockingQueue<TrialSegment> segments) {
        try {
            ObjectInputStream in = new ObjectInputStream(System.in);
            while (true) {
                segments.put((TrialSegment) in.readObject());
            }
        } catch (IOException | ClassNotFoundException | InterruptedException e) {
            Runtime.getRuntime().halt(3);
        }
    }

    private static void write(TrialSegment.Outcome outcome, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(outcome);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes.toByteArray());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
