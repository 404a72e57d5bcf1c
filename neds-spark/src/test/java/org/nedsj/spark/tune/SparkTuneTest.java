package org.nedsj.spark.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.tune.TrialCluster;
import org.nedsj.trainer.tune.TuneRun;

/**
 * {@code neds tune --spark local[2]}: a sweep of 4 trials whose segments run as Spark tasks, two at once, ends with
 * the results of the same sweep run by this machine alone (the same rows: values, status, epochs; the metric
 * within float tolerance, the tasks using other thread counts).
 */
class SparkTuneTest {

    @TempDir
    Path tmp;

    @Test
    void aSparkLocal2SweepOfFourTrialsMatchesTheLocalOne() throws IOException {
        Path data = preparedData();
        Path experiment = Files.writeString(tmp.resolve("tiny.conf"), """
                data.path = "%s"
                model {
                  preset = tiny
                  presets.tiny { hidden = 16, layers = 1, heads = 2, mlp = 32 }
                  dropout = 0
                  embed-dropout = 0
                }
                train { epochs = 1, lr = 3e-3, batch-size = 16 }
                """.formatted(data.toString().replace("\\", "/")));
        Path space = Files.writeString(tmp.resolve("space.conf"), """
                tune {
                  scheduler = random, trials = 4, max-epochs = 1, grace-epochs = 1, seed = 3
                  space { train.lr = "loguniform(1e-4, 1e-2)", masking.ratio = "uniform(0.1, 0.4)" }
                }""");
        ExperimentSources sources = ExperimentSources.of(experiment, List.of());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path local = tmp.resolve("local");
        new TuneRun(sources, space, null, local, quiet, false).run();

        TrialCluster cluster = ServiceLoader.load(TrialCluster.class).findFirst().orElseThrow();
        assertInstanceOf(SparkTrialCluster.class, cluster, "neds-spark registers its cluster");
        Path onSpark = tmp.resolve("spark");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("neds-tune-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        try {
            new TuneRun(sources, space, null, onSpark, new PrintStream(console, true, StandardCharsets.UTF_8), false)
                    .onCluster(cluster, "local[2]").run();
        } finally {
            spark.stop();
        }
        String said = console.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("tune: up to 2 trials at once as Spark tasks on local[2]"), said);

        List<String> expected = Files.readAllLines(local.resolve("results.csv"));
        List<String> actual = Files.readAllLines(onSpark.resolve("results.csv"));
        assertEquals(5, actual.size(), actual.toString());
        assertEquals(expected.get(0), actual.get(0));
        for (int row = 1; row < expected.size(); row++) {
            String[] e = expected.get(row).split(",", -1);
            String[] a = actual.get(row).split(",", -1);
            assertEquals("completed", a[1], actual.get(row));
            for (int c = 0; c < e.length; c++) {
                if (c == 3) {
                    double want = Double.parseDouble(e[c]);
                    assertEquals(want, Double.parseDouble(a[c]), 1e-4 * Math.abs(want), "val.loss of " + a[0]);
                } else {
                    assertEquals(e[c], a[c], "column " + expected.get(0).split(",")[c] + " of " + a[0]);
                }
            }
            assertTrue(Files.readString(onSpark.resolve("trials/" + a[0] + "/tune.log")).contains("training "),
                    "the task's training output is in the trial's tune.log");
        }
    }

    private Path preparedData() {
        Path alf = tmp.resolve("alf");
        Path data = tmp.resolve("data");
        SyntheticIbl.write(alf, new SyntheticIbl.Options(2, 40, 11, 20, 40));
        try (ExperimentContext context = ExperimentContext.open(ExperimentSources.of(null, List.of()))) {
            new DatasetPreparer(context.config().getConfig("data")).prepare(alf, data, line -> { });
        }
        return data;
    }
}
