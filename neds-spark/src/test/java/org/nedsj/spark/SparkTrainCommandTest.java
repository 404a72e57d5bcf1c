package org.nedsj.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.dist.Neds;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code neds train --spark local[2]} end to end, as the command line runs it (the {@code spark} engine
 * found by ServiceLoader, TrainRun writing the run directory), and the same training under
 * {@link SparkTrainMain} on a context it is lent, on two synthetic sessions: each run's directory has
 * its checkpoints and metrics, and its weights equal those of an in-process
 * {@code train.parallel.replicas = 2} run of the same experiment (1e-5 relative), as do its metrics.
 */
class SparkTrainCommandTest {

    @TempDir
    static Path tmp;

    private static Path experiment;
    private static Path inProcess;

    private record Run(int status, String out, String err) {
    }

    /** One command line; its output includes what the training prints to System.out (the console). */
    private static Run neds(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] status = new int[1];
        String console = console(() -> status[0] = Neds.execute(new Properties(), new PrintWriter(out), new PrintWriter(err), args));
        return new Run(status[0], console + out, err.toString());
    }

    private static String console(Runnable run) {
        PrintStream before = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(before);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        before.print(text);
        return text;
    }

    private static void succeed(Run r) {
        assertEquals(0, r.status(), r.out() + r.err());
    }

    @BeforeAll
    static void dataAndTheInProcessRun() throws IOException {
        Path alf = tmp.resolve("alf");
        Path data = tmp.resolve("data");
        succeed(neds("synth", "--out", alf.toString(), "--sessions", "2", "--trials", "40", "--seed", "5"));
        succeed(neds("prepare", "--alf", alf.toString(), "--out", data.toString()));
        experiment = Files.writeString(tmp.resolve("tiny.conf"), """
                data.path = "%s"
                model {
                  preset = tiny
                  presets.tiny { hidden = 16, layers = 1, heads = 2, mlp = 32 }
                  dropout = 0.1
                }
                train { epochs = 2, lr = 3e-3, batch-size = 16 }
                """.formatted(data.toString().replace("\\", "/")));
        inProcess = tmp.resolve("in-process");
        succeed(neds("train", "--config", experiment.toString(), "--out", inProcess.toString(),
                "--set", "train.parallel.replicas=2"));
    }

    @Test
    void sparkLocal2ThroughTheCommandLineTrainsTheInProcessModel() throws IOException {
        Path run = tmp.resolve("spark");
        Run r = neds("train", "--config", experiment.toString(), "--out", run.toString(), "--spark", "local[2]");
        succeed(r);
        assertTrue(r.out().contains("each shared by the tasks of Spark local[2]: 2 task(s) x 1 thread(s)"), r.out());
        assertSameRun(inProcess, run);
    }

    @Test
    void aMasterSparkCoreCannotStartIsOneMessageBeforeAnythingIsWritten() {
        Path run = tmp.resolve("yarn");
        Run r = neds("train", "--config", experiment.toString(), "--out", run.toString(), "--spark", "yarn");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--spark yarn") && r.err().contains("spark-submit --class org.nedsj.spark.SparkTrainMain"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(run), "no half-made run folder");
    }

    @Test
    void sparkTrainMainTrainsOnTheContextItIsLentAndLeavesItRunning() throws IOException {
        JavaSparkContext context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("neds-submit-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Path run = tmp.resolve("submitted");
            int[] status = new int[1];
            String console = console(() -> status[0] = SparkTrainMain.run(context, new Properties(), new PrintWriter(out),
                    new PrintWriter(err), "--config", experiment.toString(), "--out", run.toString()));
            assertEquals(0, status[0], console + out + "\n" + err);
            assertFalse(context.sc().isStopped(), "spark-submit's context is its own to stop");
            assertTrue(console.contains("tasks of Spark local[2]"), console);
            assertSameRun(inProcess, run);

            StringWriter refused = new StringWriter();
            assertEquals(Neds.USAGE, SparkTrainMain.run(context, new Properties(), new PrintWriter(out),
                    new PrintWriter(refused), "--config", experiment.toString(), "--spark", "local[4]"));
            assertTrue(refused.toString().contains("drop --spark"), refused.toString());
        } finally {
            context.stop();
        }
    }

    private static void assertSameRun(Path expected, Path actual) throws IOException {
        for (String file : List.of("checkpoints/latest.zip", "checkpoints/best.zip", "metrics.csv", "resolved.conf", "run.json")) {
            assertTrue(Files.isRegularFile(actual.resolve(file)), file + " in " + actual);
        }
        List<String> e = Files.readAllLines(expected.resolve("metrics.csv"));
        List<String> a = Files.readAllLines(actual.resolve("metrics.csv"));
        // -1: a trailing empty column (a NaN) still counts
        assertEquals(3, a.size(), "a header and 2 epochs: " + a);
        assertEquals(e.get(0), a.get(0));
        for (int i = 1; i < e.size(); i++) {
            assertSameLosses(e.get(0).split(",", -1), e.get(i).split(",", -1), a.get(i).split(",", -1));
        }
        INDArray we = parameters(expected.resolve("checkpoints/latest.zip"));
        INDArray wa = parameters(actual.resolve("checkpoints/latest.zip"));
        org.nedsj.trainer.train.ReplicaAgreement.assertSameWeights(we, wa);
    }

    /**
     * The loss columns of a metrics row (train_*, val_* but val_seconds) agree within 2e-5 relative: the file
     * holds 6 significant digits, so each value carries up to 5e-6 of rounding; time and speed are left alone.
     */
    private static void assertSameLosses(String[] header, String[] expected, String[] actual) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < header.length; c++) {
            boolean loss = (header[c].startsWith("train_") || header[c].startsWith("val_")) && !header[c].equals("val_seconds");
            if (loss && !expected[c].isEmpty()) {
                double e = Double.parseDouble(expected[c]);
                double a = Double.parseDouble(actual[c]);
                assertEquals(e, a, 2e-5 * Math.max(1e-3, Math.abs(e)), header[c]);
            }
        }
    }

    private static INDArray parameters(Path checkpoint) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(checkpoint))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("parameters")) {
                    return Nd4j.read(new DataInputStream(zip));
                }
            }
        }
        throw new AssertionError("no parameters in " + checkpoint);
    }
}
