package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.tune.Dimension;
import org.nedsj.trainer.tune.SearchSpace;
import org.nedsj.trainer.tune.SweepResults;
import org.nedsj.trainer.tune.TuneRun;

/** {@code neds tune} on the tiny world: ASHA's stops, resuming a cut sweep, best.conf, failures and bad spaces. */
class TuneCommandTest {

    @TempDir
    Path tmp;

    private Path experiment(int epochs) throws IOException {
        return Files.writeString(tmp.resolve("tiny.conf"), TinyWorld.config(TinyWorld.get().data, epochs));
    }

    private Path space(String name, String tune) throws IOException {
        return Files.writeString(tmp.resolve(name), "tune {\n" + tune + "\n}\n");
    }

    /** The first seed whose trial 0 draws {@code first} and trial 1 {@code second} from a choice of the two. */
    private static long seedDrawing(double first, double second) {
        ConfigValue a = ConfigValueFactory.fromAnyRef(first);
        ConfigValue b = ConfigValueFactory.fromAnyRef(second);
        SearchSpace s = new SearchSpace(List.of(new Dimension.Choice("train.lr", List.of(a, b),
                ConfigOriginFactory.newSimple("test"))));
        for (long seed = 0; ; seed++) {
            if (s.draw(seed, 0).get("train.lr").equals(a) && s.draw(seed, 1).get("train.lr").equals(b)) {
                return seed;
            }
        }
    }

    @Test
    void ashaStopsAHopelessTrialAtItsFirstRungAndTakesAGoodOneToTheLastAndBestConfTrains() throws IOException {
        long seed = seedDrawing(3e-3, 1e-7);
        Path space = space("space.conf", """
                scheduler = asha, trials = 2, max-epochs = 3, grace-epochs = 1, reduction = 3, seed = %d, concurrency = 1
                space { train.lr = "choice([3e-3, 1e-7])" }""".formatted(seed));
        Path out = tmp.resolve("sweep");
        List<String> rows = sweep(space, out);
        assertEquals("trial,status,epochs,val.loss,train.lr,error", rows.get(0));
        assertTrue(rows.get(1).startsWith("trial-000,completed,3,"), rows.toString());
        assertTrue(rows.get(1).endsWith(",0.003000,"), rows.toString());
        assertTrue(rows.get(2).startsWith("trial-001,stopped,1,"), rows.toString());
        assertTrue(rows.get(2).endsWith(",1.000e-07,"), rows.toString());
        Path stopped = out.resolve("trials/trial-001");
        assertTrue(Files.isRegularFile(stopped.resolve("checkpoints/latest.zip")), "a stopped trial keeps its checkpoint");
        assertEquals(2, Files.readAllLines(stopped.resolve("metrics.csv")).size(), "it trained one epoch");
        String resolved = Files.readString(out.resolve("trials/trial-000/resolved.conf"));
        assertTrue(resolved.matches("(?s).*\\bepochs\\s*=\\s*3\\b.*"), "the schedule is that of tune.max-epochs");
        assertTrue(Files.readString(out.resolve("report.html")).contains("trial-001 (stopped)"));

        String best = Files.readString(out.resolve("best.conf"));
        assertTrue(best.startsWith("# The best trial of the sweep in " + out.toAbsolutePath() + ": trial-000"), best);
        Path again = tmp.resolve("best-run");
        CommandRun train = CommandRun.of("train", "--config", out.resolve("best.conf").toString(), "--out", again.toString());
        assertEquals(0, train.status(), train.err());
        assertEquals(4, Files.readAllLines(again.resolve("metrics.csv")).size(), "best.conf trains its 3 epochs as is");
    }

    @Test
    void aCutAndResumedSweepEndsWithTheResultsOfAnUnbrokenOne() throws IOException {
        Path experiment = experiment(1);
        Path space = space("space.conf", """
                scheduler = asha, trials = 3, max-epochs = 3, grace-epochs = 1, reduction = 2, seed = 5, concurrency = 1
                space { train.lr = "loguniform(1e-4, 1e-2)" }""");
        ExperimentSources sources = ExperimentSources.of(experiment, List.of());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path unbroken = tmp.resolve("unbroken");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new TuneRun(sources, space, null, unbroken, new PrintStream(console, true, StandardCharsets.UTF_8), false).run();
        assertTrue(console.toString(StandardCharsets.UTF_8).matches("(?s).*\ntune: running trial-001 \\(train.lr=[0-9.e-]+\\) "
                + "to epoch 1 \\| 1/3 trials finished \\| best trial-000 val.loss [0-9.]+\n.*"), "the progress line");

        Path cut = tmp.resolve("cut");
        new TuneRun(sources, space, null, cut, quiet, false).limitJobs(1).run();
        assertTrue(Files.readString(cut.resolve("results.csv")).contains("trial-000,promoted,1,"), "cut after rung 1");
        new TuneRun(sources, space, null, cut, quiet, false).limitJobs(2).run();
        // a kill in the middle of writing a judgement leaves half a line: it is dropped and the job done again
        Files.writeString(cut.resolve(TuneRun.JOURNAL), "1\t1\tpro", StandardOpenOption.APPEND);
        new TuneRun(sources, space, null, cut, quiet, false).run();

        assertEquals(Files.readString(unbroken.resolve("results.csv")), Files.readString(cut.resolve("results.csv")));
        assertEquals(Files.readString(unbroken.resolve(TuneRun.JOURNAL)), Files.readString(cut.resolve(TuneRun.JOURNAL)));
        assertTrue(Files.readString(cut.resolve("trials/trial-000/run.json")).contains("resumed"),
                "trial-000 went on from its rung-1 checkpoint");
    }

    @Test
    void aCrashingTrialIsRecordedAsFailedAndTheSweepGoesOn() throws IOException {
        Path space = space("space.conf", """
                scheduler = grid, trials = 2, max-epochs = 1, grace-epochs = 1, concurrency = 1
                space { train.lr = [1e9, 3e-3] }""");
        Path out = tmp.resolve("sweep");
        List<String> rows = sweep(space, out);
        assertTrue(rows.get(1).startsWith("trial-000,failed,0,,1000000000,\"the spikes loss became NaN"), rows.toString());
        assertTrue(rows.get(2).startsWith("trial-001,completed,1,"), rows.toString());
        assertTrue(Files.readString(out.resolve("best.conf")).contains(": trial-001,"));
    }

    @Test
    void badSpacesFailBeforeAnyTrialNamingFileLineAndFix() throws IOException {
        Path experiment = experiment(1);
        Path out = tmp.resolve("sweep");
        Path unknown = space("unknown.conf", "trials = 2\nspace {\n  train.lrr = \"loguniform(1e-4, 1e-2)\"\n}");
        Rejection.assertUserError(CommandRun.of("tune", "--config", experiment.toString(), "--space", unknown.toString(),
                "--out", out.toString()), "unknown key 'train.lrr' (", "unknown.conf, line 4); nearest valid key: train.lr");
        Path range = space("range.conf", "trials = 2\nspace {\n  masking.ratio = \"uniform(0.1, 1.5)\"\n}");
        Rejection.assertUserError(CommandRun.of("tune", "--config", experiment.toString(), "--space", range.toString(),
                "--out", out.toString()), "tune.space.masking.ratio = 1.500 (", "range.conf, line 4) fails the experiment's checks",
                "strictly between 0 and 1");
        Path misspelt = space("misspelt.conf", "shceduler = grid\nspace { train.lr = [1e-3] }");
        Rejection.assertUserError(CommandRun.of("tune", "--config", experiment.toString(), "--space", misspelt.toString(),
                "--out", out.toString()), "unknown key 'tune.shceduler' (", "misspelt.conf, line 2); nearest valid key: tune.scheduler");
        Path metric = space("metric.conf", "metric = decoding.wheel.r3\nspace { train.lr = [1e-3] }");
        Rejection.assertUserError(CommandRun.of("tune", "--config", experiment.toString(), "--space", metric.toString(),
                "--out", out.toString()), "tune.metric = decoding.wheel.r3 is not a metric of this experiment; valid: val.loss, ",
                "val.wheel, ", "encoding.spikes.bps, encoding.spikes.poisson_nll, decoding.wheel.r2, ", "decoding.choice.accuracy");
        assertFalse(Files.exists(out), "nothing is written for a space that fails");
        Rejection.assertUserError(CommandRun.of("tune", "--config", experiment.toString(), "--space", fine().toString(),
                "--out", out.toString(), "--spark", "local[2]"), "--spark local[2]: Spark is not on the class path");
        assertFalse(Files.exists(out), "nothing is written without Spark");

        Files.createDirectories(out);
        Path mine = Files.writeString(out.resolve("notes.txt"), "mine");
        Rejection.assertUserError(CommandRun.of("tune", "--config", experiment.toString(), "--space", fine().toString(),
                "--out", out.toString()), "is not empty and holds no sweep");
        assertEquals("mine", Files.readString(mine));
    }

    /** Runs the sweep of {@code space} over a one-epoch experiment into {@code out}; its results.csv rows. */
    private List<String> sweep(Path space, Path out) throws IOException {
        CommandRun run = CommandRun.of("tune", "--config", experiment(1).toString(), "--space", space.toString(),
                "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        return Files.readAllLines(out.resolve("results.csv"));
    }

    private Path fine() throws IOException {
        return space("fine.conf", "trials = 1, max-epochs = 1, grace-epochs = 1\nspace { train.lr = [1e-3] }");
    }

    @Test
    void aReportMetricIsScoredOnTheValidationSplitAsNedsEvalScoresItAndHigherIsBetter() throws IOException {
        Path space = space("space.conf", """
                metric = encoding.spikes.bps, scheduler = grid, trials = 2, max-epochs = 1, grace-epochs = 1, concurrency = 1
                space { train.lr = [1e-7, 3e-3] }""");
        Path out = tmp.resolve("sweep");
        List<String> rows = sweep(space, out);
        assertEquals("trial,status,epochs,encoding.spikes.bps,train.lr,error", rows.get(0));
        List<String> journal = Files.readAllLines(out.resolve(TuneRun.JOURNAL));
        double[] bps = journal.stream().mapToDouble(l -> Double.parseDouble(l.split("\t")[3])).toArray();
        assertEquals(2, bps.length, journal.toString());
        int best = bps[1] > bps[0] ? 1 : 0;
        assertTrue(Files.readString(out.resolve("best.conf")).contains(": trial-00" + best + ", encoding.spikes.bps"),
                "the higher bits per spike wins: " + journal);
        assertTrue(Files.readString(out.resolve("report.html")).contains("higher is better"));

        for (int trial = 0; trial < 2; trial++) {
            Path dir = out.resolve("trials/trial-00" + trial);
            assertTrue(Files.readAllLines(dir.resolve("tune-metric.csv")).get(1).startsWith("1,"), "recorded at epoch 1");
            Path report = tmp.resolve("eval-" + trial);
            CommandRun eval = CommandRun.of("eval", "--run", dir.toString(), "--split", "val", "--out", report.toString());
            assertEquals(0, eval.status(), eval.err());
            JsonNode mean = new ObjectMapper().readTree(report.resolve("report.json").toFile()).path("mean");
            assertEquals(mean.path("encoding").path("spikes.bps").asDouble(Double.NaN), bps[trial], 1e-6,
                    "the sweep's score is neds eval's on the validation split: " + mean);
        }
    }

    @Test
    void twoTrialsAtOnceInChildProcessesLoseNoTrialAndTrainNoneTwiceAcrossACut() throws IOException {
        ConfigValue nan = ConfigValueFactory.fromAnyRef(1e9);
        SearchSpace lrs = new SearchSpace(List.of(new Dimension.Choice("train.lr", List.of(nan,
                ConfigValueFactory.fromAnyRef(3e-3), ConfigValueFactory.fromAnyRef(1e-3)), ConfigOriginFactory.newSimple("t"))));
        long seed = 0;
        while (!(lrs.draw(seed, 2).get("train.lr").equals(nan) && !lrs.draw(seed, 0).get("train.lr").equals(nan)
                && !lrs.draw(seed, 1).get("train.lr").equals(nan))) {
            seed++;
        }
        Path space = space("space.conf", """
                scheduler = asha, trials = 3, max-epochs = 2, grace-epochs = 1, reduction = 2, seed = %d, concurrency = 2
                space { train.lr = "choice([1e9, 3e-3, 1e-3])" }""".formatted(seed));
        ExperimentSources sources = ExperimentSources.of(experiment(2), List.of());
        Path out = tmp.resolve("sweep");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new TuneRun(sources, space, null, out, new PrintStream(console, true, StandardCharsets.UTF_8), false)
                .limitJobs(2).run();
        String cut = console.toString(StandardCharsets.UTF_8);
        assertTrue(cut.contains("tune: 2 trials at once, each in a child process with "), cut);
        assertTrue(cut.matches("(?s).*tune: running trial-001 \\(train.lr=[0-9.e-]+\\) to epoch 1 \\| 0/3 trials finished "
                + "\\| no best yet \\| running trial-000, trial-001\n.*"), "the progress line names the running trials: " + cut);
        assertEquals(2, Files.readAllLines(out.resolve(TuneRun.JOURNAL)).size(), "the 2 started jobs came back: " + cut);

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new TuneRun(sources, space, null, out, quiet, false).run();

        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(3).startsWith("trial-002,failed,0,,1000000000,\"the spikes loss became NaN"),
                "a trial's failure comes back from its process: " + rows);
        List<String[]> journal = Files.readAllLines(out.resolve(TuneRun.JOURNAL)).stream().map(l -> l.split("\t")).toList();
        for (int trial = 0; trial < 3; trial++) {
            String name = Integer.toString(trial);
            List<String[]> mine = journal.stream().filter(e -> e[0].equals(name)).toList();
            assertEquals(1, mine.stream().filter(e -> !e[2].equals("promoted")).count(), "one final judgement of trial " + trial);
            assertEquals(mine.size(), mine.stream().map(e -> e[1]).distinct().count(), "each rung judged once: " + trial);
            String row = rows.get(trial + 1);
            assertFalse(row.contains(",pending,") || row.contains(",promoted,"), row);
            if (trial != 2) {
                int epochs = Integer.parseInt(row.split(",")[2]);
                List<String> metrics = Files.readAllLines(out.resolve("trials/trial-00" + trial + "/metrics.csv"));
                assertEquals(epochs + 1, metrics.size(), "every epoch trained once: " + metrics);
                assertTrue(Files.readString(out.resolve("trials/trial-00" + trial + "/tune.log")).contains("training "),
                        "trained in a child process");
            }
        }
    }

    @Test
    void aTrialWhoseProcessIsKilledIsRecordedAsFailedAndTheSweepGoesOnInANewProcess() throws Exception {
        Path space = space("space.conf", """
                scheduler = grid, trials = 3, max-epochs = 1, grace-epochs = 1, concurrency = 2
                space { train.lr = [3e-3, 1e-3, 3e-4] }""");
        ExperimentSources sources = ExperimentSources.of(experiment(1), List.of());
        Path out = tmp.resolve("sweep");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        java.util.concurrent.FutureTask<SweepResults> sweep = new java.util.concurrent.FutureTask<>(
                () -> new TuneRun(sources, space, null, out, quiet, false).run());
        new Thread(sweep, "sweep").start();
        ProcessHandle child = null;
        while (child == null && !sweep.isDone()) {
            child = ProcessHandle.current().children().filter(TuneCommandTest::isJava).findFirst().orElse(null);
            Thread.sleep(20);
        }
        assertTrue(child != null && child.destroyForcibly(), "a trial's process was running");
        SweepResults results = sweep.get();

        List<SweepResults.TrialResult> failed = results.trials().stream().filter(t -> t.status().equals("failed")).toList();
        assertEquals(1, failed.size(), results.trials().toString());
        assertTrue(failed.get(0).error().startsWith("the trial's process ended with exit status "), failed.get(0).error());
        assertEquals(2, results.trials().stream().filter(t -> t.status().equals("completed")).count(),
                "the others finished, one in the process that took the killed one's place: " + results.trials());
        assertTrue(ProcessHandle.current().children().noneMatch(TuneCommandTest::isJava),
                "no trial process outlives the sweep");
    }

    /** A JVM: the trials' processes are this test's only children that run java. */
    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    @Test
    void theShippedNedsSearchSpacePassesTheChecksOfTheShippedFullExperiment() throws IOException {
        Path out = tmp.resolve("neds-sweep");
        ExperimentSources sources = ExperimentSources.of(Path.of("src/dist/conf/full.conf"),
                List.of("data.path=" + TinyWorld.get().data));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new TuneRun(sources, Path.of("src/dist/conf/tune-neds.conf"), null, out, quiet, false).limitJobs(0).run();
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("trial,status,epochs,val.loss,masking.ratio,model.presets.full.hidden,model.presets.full.layers,"
                + "model.presets.full.mlp,train.lr,train.weight-decay,error", rows.get(0));
        assertEquals(31, rows.size(), "30 trials, every one checked and none started");
        assertTrue(rows.stream().skip(1).allMatch(r -> r.contains(",pending,0,,")), rows.toString());
    }
}
