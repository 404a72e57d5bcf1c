package org.nedsj.spark.tune;

import java.io.PrintStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.nedsj.trainer.tune.TrialCluster;
import org.nedsj.trainer.tune.TrialExecutor;

/**
 * {@code neds tune --spark MASTER}: each trial segment a Spark task. The sweep's process is the driver (scheduler
 * and journal); {@code spark.*} system properties (e.g. {@code -Dspark.jars}, {@code -Dspark.executor.cores})
 * configure the application as for any Spark driver. A context already running in this JVM is used as it is.
 */
public final class SparkTrialCluster implements TrialCluster {

    @Override
    public TrialExecutor connect(String master, int slots, PrintStream console) {
        boolean running = org.apache.spark.SparkContext$.MODULE$.getActive().isDefined();
        SparkConf conf = new SparkConf().setMaster(master).setAppName("neds tune")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        int tasks = slots > 0 ? slots : Math.max(1, spark.defaultParallelism());
        return new SparkTrials(spark, tasks, !running);
    }
}
