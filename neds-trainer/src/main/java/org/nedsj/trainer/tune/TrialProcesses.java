package org.nedsj.trainer.tune;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Segments at once on this machine, each in a child JVM of its own (this process's java, JVM options and class
 * path; main {@link TrialSegmentMain}) with its share of the cores: ND4J's CPU thread budgets are process-wide,
 * so trials sharing one process would fight over them, while a process of its own gets {@code OMP_NUM_THREADS}
 * and ND4J budgets of its share alone. A child's output goes to its trial's {@code tune.log}. The segment
 * travels on the child's standard input, which stays open while the child runs: when this process ends, even
 * killed outright, the pipe closes and the child ends itself; a shutdown hook ends the children of a process
 * stopped by a signal at once. A child that dies without an outcome (killed, out of memory) is a failed segment.
 */
final class TrialProcesses implements TrialExecutor {

    static final String OUTCOME = "tune-outcome.bin";

    private final int slots;
    private final int threads;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
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
        Process child = null;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(OUTCOME));
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(TrialSegment.LOG).toFile()));
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
            child = builder.start();
            live.add(child);
            OutputStream stdin = child.getOutputStream();
            ObjectOutputStream out = new ObjectOutputStream(stdin);
            out.writeObject(segment);
            out.flush();
            int status = child.waitFor();
            stdin.close();
            return outcome(dir, status);
        } catch (IOException e) {
            return TrialSegment.Outcome.failed(TrialMetrics.epochReached(dir), "could not run the trial's process: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TrialSegment.Outcome.failed(TrialMetrics.epochReached(dir), "the sweep was interrupted");
        } finally {
            if (child != null) {
                end(child);
                live.remove(child);
            }
        }
    }

    private static TrialSegment.Outcome outcome(Path dir, int status) throws IOException {
        Path file = dir.resolve(OUTCOME);
        if (!Files.isRegularFile(file)) {
            return TrialSegment.Outcome.failed(TrialMetrics.epochReached(dir), String.format(Locale.ROOT,
                    "the trial's process ended with exit status %d and no result%s (its output: %s)", status,
                    lastLine(dir.resolve(TrialSegment.LOG)), dir.resolve(TrialSegment.LOG)));
        }
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

    private static void end(Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
    }

    private void endChildren() {
        live.forEach(TrialProcesses::end);
    }

    @Override
    public void close() {
        endChildren();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
