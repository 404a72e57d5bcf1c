package org.nedsj.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nedsj.trainer.parallel.ClusterStepFactory;
import org.nedsj.trainer.parallel.ClusterSteps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code spark} engine of {@code neds train --spark MASTER}, found by ServiceLoader. It starts a
 * Spark context in this process, the driver: {@code local[N]} embedded, {@code spark://host:port} a
 * standalone cluster (the executors fetch the distribution's jars from the driver, {@code spark.jars});
 * any other {@code spark.*} setting comes from {@code -Dspark.…=…} in {@code JAVA_OPTS}. Under
 * {@code spark-submit} ({@link SparkTrainMain}) the context spark-submit made is lent instead.
 */
public final class SparkStepFactory implements ClusterStepFactory {

    /** A context someone else started and stops (spark-submit's, through {@link SparkTrainMain}). */
    private static volatile JavaSparkContext lent;

    /** Runs use {@code context} until {@link #endLoan()}, and leave it running. */
    static void lend(JavaSparkContext context) {
        lent = context;
    }

    static void endLoan() {
        lent = null;
    }

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public ClusterSteps connect(String master, int tasks) {
        JavaSparkContext context = lent;
        boolean own = context == null;
        if (own) {
            context = start(master);
        } else if (!context.master().equals(master)) {
            throw new IllegalArgumentException("--spark " + master + " differs from the master of the Spark context "
                    + "already running (" + context.master() + "); drop --spark under spark-submit (its --master decides)");
        }
        int threads = context.getConf().getInt("spark.task.cpus", 1);
        int n = tasks > 0 ? tasks : context.defaultParallelism();
        return new SparkSteps(context, own, n, threads);
    }

    /** The masters spark-core itself runs; YARN and Kubernetes need Spark modules a cluster's own Spark brings. */
    private static final java.util.regex.Pattern MASTERS =
            java.util.regex.Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[.+]|spark://.+");

    private static JavaSparkContext start(String master) {
        if (!MASTERS.matcher(master).matches()) {
            throw new IllegalArgumentException("--spark " + master + ": neds train starts Spark itself for local, local[N], "
                    + "local[*] and spark://HOST:PORT (a standalone cluster); for " + (master.startsWith("yarn")
                    || master.startsWith("k8s://") ? "this master" : "other masters (yarn, k8s://…)") + " submit it with "
                    + "the cluster's spark-submit --class org.nedsj.spark.SparkTrainMain (see \"On Apache Spark\" in the README)");
        }
        SparkConf conf = new SparkConf().setMaster(master).setIfMissing("spark.app.name", "neds train")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) {
            distributionJars().ifPresent(jars -> conf.set("spark.jars", jars));
        }
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) {         // Scala throws SparkException undeclared
            throw new IllegalStateException("Spark could not start with master " + master + ": " + e.getMessage(), e);
        }
    }

    /**
     * The jars an executor of a standalone cluster needs (lib/ and the neds-spark jar of spark/; Spark's
     * own are the cluster's), when this process runs from a distribution ({@code neds.home}).
     */
    private static java.util.Optional<String> distributionJars() {
        String home = System.getProperty("neds.home");
        if (home == null) {
            return java.util.Optional.empty();
        }
        List<String> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(Path.of(home, "lib"));
             Stream<Path> spark = Files.list(Path.of(home, "spark"))) {
            lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toUri().toString()));
            spark.filter(p -> p.getFileName().toString().startsWith("neds-spark-")).forEach(p -> jars.add(p.toUri().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the distribution's jars in " + home, e);
        }
        return java.util.Optional.of(String.join(",", jars));
    }
}
