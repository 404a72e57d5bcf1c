package org.nedsj.trainer.tune;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Segments at once on this machine, each in a child JVM (this process's java, JVM options and class path; main
 * {@link TrialSegmentMain}) with its share of the cores: ND4J's CPU thread budgets are process-wide, so trials
 * sharing one process would fight over them, while a process of its own has {@code OMP_NUM_THREADS} and ND4J
 * budgets of its share alone. A child is a worker that runs one segment after another (so a sweep of short rungs
 * pays the JVM's start and warm-up once per slot, not once per segment); its training output goes to each
 * trial's {@code tune.log}. Segments travel on the child's standard input, which stays open while the sweep
 * runs: when this process ends, even killed outright, the pipe closes and the child ends itself; a shutdown hook
 * ends the children of a process stopped by a signal at once. A child that dies during a segment (killed, out of
 * memory) fails that segment, and the next segment of its slot starts a new child.
 */
final class TrialProcesses implements TrialExecutor {

    static final String OUTCOME = "tune-outcome.bin";
    /** The line a child writes when a segment's outcome is in place. */
    static final String DONE = "neds-tune-segment-done";

    private final int slots;
    private final int threads;
    private final ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
    private final Set<Worker> all = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::endChildren, "neds-tune-children");

    TrialProcesses(int slots, int threads) {
        this.slots = slots;
        this.threads = threads;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%d trials at once, each in a child process with %d thread%s", slots, threads,
                threads == 1 ? "" : "s");
    }

    @Override
    public TrialSegment.Outcome run(TrialSegment segment) {
        Path dir = Path.of(segment.trialDir());
        Worker worker = idle.poll();
        try {
            Files.createDirectories(dir);
            if (worker == null) {
                worker = new Worker(command(), threads);
                all.add(worker);
            }
            TrialSegment.Outcome outcome = worker.run(segment, dir);
            if (worker.process.isAlive()) {
                idle.add(worker);
                worker = null;
            }
            return outcome;
        } catch (IOException e) {
            return TrialSegment.Outcome.failed(TrialMetrics.epochReached(dir), "could not run the trial's process: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TrialSegment.Outcome.failed(TrialMetrics.epochReached(dir), "the sweep was interrupted");
        } finally {
            if (worker != null) {
                worker.end();
                all.remove(worker);
            }
        }
    }

    /** One child process and its pipes. */
    private static final class Worker {
        private final Process process;
        /** Made at the first segment, inside its handling of a broken pipe: it writes the stream's header. */
        private ObjectOutputStream toChild;
        private final BufferedReader fromChild;

        Worker(List<String> command, int threads) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
            process = builder.start();
            fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        TrialSegment.Outcome run(TrialSegment segment, Path dir) throws IOException, InterruptedException {
            Files.deleteIfExists(dir.resolve(OUTCOME));
            try {
                if (toChild == null) {
                    toChild = new ObjectOutputStream(process.getOutputStream());
                }
                toChild.writeObject(segment);
                toChild.flush();
                toChild.reset();
                String line;
                while ((line = fromChild.readLine()) != null) {
                    if (line.equals(DONE)) {
                        return outcome(dir);
                    }
                    // output the child wrote past its trial's log (native libraries, a logger bound at start)
                    Files.writeString(dir.resolve(TrialSegment.LOG), line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException pipe) {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw pipe;
                }
            }
            int status = process.waitFor();
            return TrialSegment.Outcome.failed(TrialMetrics.epochReached(dir), String.format(Locale.ROOT,
                    "the trial's process ended with exit status %d before the trial's result%s (its output: %s)", status,
                    lastLine(dir.resolve(TrialSegment.LOG)), dir.resolve(TrialSegment.LOG)));
        }

        void end() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static TrialSegment.Outcome outcome(Path dir) throws IOException {
        Path file = dir.resolve(OUTCOME);
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            return (TrialSegment.Outcome) objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** This JVM's java, options (but a debugger's) and class path, running {@link TrialSegmentMain}. */
    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")).forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TrialSegmentMain.class.getName());
        command.add(Integer.toString(threads));
        return command;
    }

    private void endChildren() {
        all.forEach(Worker::end);
    }

    @Override
    public void close() {
        endChildren();
        all.clear();
        idle.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
