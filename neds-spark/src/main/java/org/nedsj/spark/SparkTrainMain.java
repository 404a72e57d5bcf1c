package org.nedsj.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nedsj.dist.Neds;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code neds train} under {@code spark-submit}: the same command line ({@code --config F | --resume
 * RUN}, {@code --set}, {@code --out}, {@code --debug}), its steps computed by the tasks of the Spark
 * context spark-submit's settings make (its {@code --master}, executors and {@code --conf}s), in place
 * of a context {@code --spark} would start. The driver keeps the run directory and checkpoints.
 *
 * <pre>spark-submit --class org.nedsj.spark.SparkTrainMain --jars LIB_JARS neds-spark-0.1.0.jar --config F …</pre>
 */
public final class SparkTrainMain {

    private SparkTrainMain() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        JavaSparkContext context = new JavaSparkContext(new SparkConf().setIfMissing("spark.app.name", "neds train"));
        int status;
        try {
            status = run(context, System.getProperties(), new PrintWriter(System.out, true),
                    new PrintWriter(System.err, true), args);
        } finally {
            context.stop();
        }
        System.exit(status);
    }

    /** Runs {@code neds train ARGS} with its steps on {@code context}, which stays running; returns the exit status. */
    static int run(JavaSparkContext context, Properties systemProperties, PrintWriter out, PrintWriter err, String... args) {
        for (String a : args) {
            if (a.equals("--spark") || a.startsWith("--spark=")) {
                err.println("neds train: under spark-submit its --master decides where the steps run; drop --spark");
                err.flush();
                return Neds.USAGE;
            }
        }
        List<String> line = new ArrayList<>(List.of("train", "--spark", context.master()));
        line.addAll(List.of(args));
        SparkStepFactory.lend(context);
        try {
            return Neds.execute(systemProperties, out, err, line.toArray(String[]::new));
        } finally {
            SparkStepFactory.endLoan();
        }
    }
}
