package org.nedsj.trainer.tune;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nedsj.trainer.parallel.CoreShare;

/**
 * The main of a child process of {@link TrialProcesses}: reads one {@link TrialSegment} from standard input, runs
 * it with {@code args[0]} threads and leaves its outcome in the trial's {@code tune-outcome.bin}. It ends itself
 * when its standard input closes (the sweep's process has ended).
 */
public final class TrialSegmentMain {

    private TrialSegmentMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        TrialSegment segment = (TrialSegment) new ObjectInputStream(System.in).readObject();
        Thread orphan = new Thread(TrialSegmentMain::endWithParent, "neds-tune-parent-watch");
        orphan.setDaemon(true);
        orphan.start();
        CoreShare share = CoreShare.of(1, threads);
        share.enter();
        share.applyToThisThread();
        TrialSegment.Outcome outcome = segment.run(System.out, false);
        write(outcome, Path.of(segment.trialDir()).resolve(TrialProcesses.OUTCOME));
        System.out.flush();
        System.exit(0);
    }

    private static void endWithParent() {
        try {
            while (System.in.read() >= 0) {
                // the sweep writes nothing more: end of input is the sweep's end
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
        System.out.println("tune: the sweep's process has ended; this trial's process ends too");
        Runtime.getRuntime().halt(3);
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
