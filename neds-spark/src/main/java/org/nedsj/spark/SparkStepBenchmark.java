package org.nedsj.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ModelConfig;
import org.nedsj.trainer.bench.TrainStepBenchmark;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.parallel.DataParallelStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cost of a training step computed by Spark tasks beside the same step in this process, in one
 * run: the bench model of {@code neds bench train} (preset small, 200 neurons, batch 16, no dropout),
 * 1 in-process replica × 2 threads, 2 in-process replicas × 1 thread, and 2 barrier tasks × 1 thread
 * on {@code local[2]}, in alternating rounds; prints each one's median step and its ratio to the first.
 * With ACCUMULATE k above 1, also the optimiser step of k accumulated micro-batches of 16 by the 2
 * in-process replicas and by the 2 Spark tasks (one job per step), whose ratio shows how much of
 * Spark's per-step cost accumulation spreads out.
 *
 * <pre>java --add-opens=… -cp … org.nedsj.spark.SparkStepBenchmark [ROUNDS] [STEPS] [ACCUMULATE]</pre>
 */
public final class SparkStepBenchmark {

    private SparkStepBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int accumulate = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int threads = 2;
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        TrainStepBenchmark harness = harness(16);
        TrainStepBenchmark accumulated = harness(16 * accumulate);
        JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]")
                .setAppName("neds-spark-bench").set("spark.ui.enabled", "false"));
        spark.setLogLevel("WARN");
        try {
            List<String> names = new ArrayList<>(List.of("in-process 1 replica x 2 threads", "in-process 2 replicas x 1 thread",
                    "Spark local[2], 2 tasks x 1 thread"));
            List<Supplier<TrainStepBenchmark.Result>> runs = new ArrayList<>(List.of(
                    () -> harness.training(2, steps, 1, threads),
                    () -> harness.training(2, steps, 2, threads),
                    () -> harness.training(2, steps, model -> new SparkDataParallelStep(spark, model, 2, 1))));
            if (accumulate > 1) {
                names.add("in-process 2 x 1, " + accumulate + " x 16 accumulated");
                names.add("Spark local[2] 2 x 1, " + accumulate + " x 16 accumulated");
                runs.add(() -> accumulated.training(2, steps, model -> new DataParallelStep(model, 2, 16, threads)));
                runs.add(() -> accumulated.training(2, steps, model -> new SparkDataParallelStep(spark, model,
                        SavedModelReplica.of(model), 2, 1, 16, TaskStartHook.NONE)));
            }
            List<List<Double>> times = new ArrayList<>();
            runs.forEach(r -> times.add(new ArrayList<>()));
            long parameters = 0;
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < runs.size(); k++) {
                    TrainStepBenchmark.Result r = runs.get(k).get();
                    parameters = r.parameters();
                    Arrays.stream(r.stepSeconds()).forEach(times.get(k)::add);
                }
            }
            System.out.printf(Locale.ROOT, "neds-j training step (%d parameters, batch 16%s), %d rounds of %d steps each, "
                    + "%d cores visible%n", parameters, accumulate > 1 ? "; accumulated: " + accumulate + " x 16" : "",
                    rounds, steps, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  %-42s %12s %10s%n", "computed by", "step median", "vs first");
            double first = median(times.get(0));
            for (int k = 0; k < runs.size(); k++) {
                double m = median(times.get(k));
                System.out.printf(Locale.ROOT, "  %-42s %10.1f ms %9.2fx%n", names.get(k), m * 1e3, m / first);
            }
        } finally {
            spark.stop();
        }
        // Spark's barrier tasks leave a non-daemon timer thread ("Barrier task timer") behind in this JVM
        System.exit(0);
    }

    private static TrainStepBenchmark harness(int batch) {
        List<String> sets = List.of("model.preset=small", "model.dropout=0", "model.embed-dropout=0");
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.empty(), sets, System.getProperties()))) {
            ModelConfig config = experiment.modelConfig();
            return new TrainStepBenchmark(config, experiment.bindings(TrainStepBenchmark.modalities(100)), 200, batch);
        }
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
