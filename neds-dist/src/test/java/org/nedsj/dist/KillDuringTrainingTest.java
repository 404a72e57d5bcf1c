package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.trainer.train.Checkpoints;
import org.nedsj.trainer.train.TrainerState;

/**
 * {@code kill -9} of a training process at random moments: every time, what is on disk is consistent
 * (latest and best checkpoints, trainer state, metrics.csv) and {@code --resume} ends with the weights
 * of a run that was never interrupted, bit for bit. About 20 process starts: opt-in, {@code -Dgroups=slow}.
 */
@Tag("slow")
class KillDuringTrainingTest {

    private static final int TRIES = 20;
    private static final int EPOCHS = 4;

    @TempDir
    Path tmp;

    @Test
    void killedTrainingsResumeToTheWeightsOfAnUnbrokenRun() throws Exception {
        TinyWorld world = TinyWorld.get();
        // with a weight average (as conf/demo.conf): checkpoints hold the average, and latest.zip also the stepped
        // weights a resume must continue, so a lost or repeated step shows in the average the run ends with
        Path config = Files.writeString(tmp.resolve("kill.conf"),
                TinyWorld.config(world.data, EPOCHS) + "train.average-epochs = 1\n");
        Path unbroken = tmp.resolve("unbroken");
        long started = System.nanoTime();
        Process full = train(config, unbroken);
        awaitStart(full, unbroken);
        long startMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, full.waitFor(), "an unbroken training in its own process");
        long fullMillis = (System.nanoTime() - started) / 1_000_000;
        long trainingMillis = Math.max(1, fullMillis - startMillis);
        Map<String, float[]> expected = parameters(unbroken.resolve("checkpoints/latest.zip"));
        assertTrue(expected.containsKey("extra/stepped"), "the checkpoint keeps the stepped weights beside the average");
        // Every value a step computes is the same in every process (the kernels' exponential gives the
        // same bits compiled or not, see neds-model's LaneExp), so a resumed run must match exactly.
        double worst = 0;

        Random random = new Random(19);
        int resumedFromCheckpoint = 0;
        for (int i = 0; i < TRIES; i++) {
            Path run = tmp.resolve("killed-" + i);
            Process p = train(config, run);
            // the JVM and ND4J start take half of a short run: every fifth kill lands anywhere from the
            // start, every fifth during training before or after the first checkpoint, the others after it
            long delay;
            if (i % 5 == 0) {
                delay = (long) (random.nextDouble() * fullMillis);
            } else if (i % 5 == 1) {
                awaitFile(p, run.resolve("resolved.conf"));
                delay = (long) (random.nextDouble() * trainingMillis);
            } else {
                awaitFile(p, run.resolve("checkpoints/latest.zip"));
                delay = (long) (random.nextDouble() * trainingMillis * (EPOCHS - 1) / EPOCHS);
            }
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            resumedFromCheckpoint += Files.exists(run.resolve("checkpoints/latest.zip")) ? 1 : 0;
            assertConsistent(run);
            finish(config, run);
            Map<String, float[]> resumed = parameters(run.resolve("checkpoints/latest.zip"));
            assertEquals(keys(expected), keys(resumed), "try " + i);
            double difference = maxDifference(expected, resumed);
            worst = Math.max(worst, difference);
            assertEquals(0.0, difference, "try " + i + " (killed after " + delay + " ms): weights differ from the "
                    + "unbroken run's");
            TrainerState latest = Checkpoints.stateOf(run.resolve("checkpoints/latest.zip")).orElseThrow();
            assertEquals(latest.bestEpoch(), Checkpoints.stateOf(run.resolve("checkpoints/best.zip")).orElseThrow().epoch());
        }
        System.out.printf("kill test: %d kills, %d after a checkpoint existed; an unbroken run took %d ms (%d ms after its "
                + "start-up); largest weight difference after resume %.3g%n", TRIES,
                resumedFromCheckpoint, fullMillis, trainingMillis, worst);
        assertTrue(resumedFromCheckpoint >= TRIES / 2, "only " + resumedFromCheckpoint + " of " + TRIES
                + " kills came after a checkpoint: the test would not test resuming");
    }

    /** Waits until the training has written its resolved configuration (its start-up is over) or has ended. */
    private static void awaitStart(Process p, Path run) throws InterruptedException {
        awaitFile(p, run.resolve("resolved.conf"));
    }

    private static void awaitFile(Process p, Path file) throws InterruptedException {
        while (p.isAlive() && !Files.exists(file)) {
            Thread.sleep(5);
        }
    }

    /** What a kill leaves: metrics rows 1..k with k the checkpoint's epoch or one more; best.zip the state's best or older. */
    private static void assertConsistent(Path run) throws IOException {
        Path latest = run.resolve("checkpoints/latest.zip");
        List<Integer> rows = metricEpochs(run.resolve("metrics.csv"));
        if (!Files.exists(latest)) {
            assertTrue(rows.size() <= 1, "no checkpoint but metrics rows " + rows);
            return;
        }
        TrainerState state = Checkpoints.stateOf(latest).orElseThrow(() -> new AssertionError("unreadable " + latest));
        assertTrue(rows.size() == state.epoch() || rows.size() == state.epoch() + 1, "rows " + rows + " for epoch " + state.epoch());
        for (int e = 0; e < rows.size(); e++) {
            assertEquals(e + 1, rows.get(e));
        }
        TrainerState best = Checkpoints.stateOf(run.resolve("checkpoints/best.zip"))
                .orElseThrow(() -> new AssertionError("no readable best.zip beside " + latest));
        assertTrue(best.epoch() == state.bestEpoch() || (best.epoch() < state.bestEpoch() && state.bestEpoch() == state.epoch()),
                "best.zip of epoch " + best.epoch() + " but the state's best is " + state.bestEpoch());
    }

    private static List<Integer> metricEpochs(Path metrics) throws IOException {
        List<Integer> epochs = new ArrayList<>();
        if (Files.exists(metrics)) {
            List<String> lines = Files.readAllLines(metrics);
            int columns = lines.get(0).split(",", -1).length;
            for (String l : lines.subList(1, lines.size())) {
                if (l.split(",", -1).length == columns) {
                    epochs.add(Integer.parseInt(l.substring(0, l.indexOf(','))));
                }
            }
        }
        return epochs;
    }

    /**
     * Resumes a killed run, or starts it again when it died before writing its configuration, in a process
     * started as the killed one was: ND4J's reductions add in an order that depends on its thread count, and
     * a resume inside this JVM (two threads where the processes have one) ended 0.4–3.3e-7 away.
     */
    private static void finish(Path config, Path run) throws IOException, InterruptedException {
        Process p = Files.exists(run.resolve("resolved.conf"))
                ? neds("train", "--resume", run.toString())
                : train(config, run);
        assertEquals(0, p.waitFor(), "the resumed training of " + run);
    }

    private static Process train(Path config, Path out) throws IOException {
        return neds("train", "--config", config.toString(), "--out", out.toString());
    }

    private static Process neds(String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Neds.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    private static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
        double max = 0;
        for (var e : a.entrySet()) {
            float[] other = b.get(e.getKey());
            for (int i = 0; i < other.length; i++) {
                max = Math.max(max, Math.abs(e.getValue()[i] - other[i]));
            }
        }
        return max;
    }

    /** The model's weights (the average) and the weights the optimiser stepped. */
    private static Map<String, float[]> parameters(Path zip) throws IOException {
        Map<String, float[]> params = new TreeMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.getName().startsWith("params/") || e.getName().equals("parameters")
                        || e.getName().equals("extra/stepped")) {
                    try (InputStream in = z.getInputStream(e)) {
                        params.put(e.getName(), values(in.readAllBytes()));
                    }
                }
            }
        }
        return params;
    }

    private static float[] values(byte[] stored) {
        INDArray a = CheckpointFile.read(stored);
        return a.dup('c').data().asFloat();
    }

    private static List<String> keys(Map<String, float[]> m) {
        return new ArrayList<>(m.keySet());
    }
}
