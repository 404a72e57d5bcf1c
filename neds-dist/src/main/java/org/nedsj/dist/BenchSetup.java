package org.nedsj.dist;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.model.ModelConfig;
import org.nedsj.trainer.bench.TrainStepBenchmark;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.experiment.Experiment;

/**
 * The model a benchmark times: the preset's sizes, without dropout (the PyTorch reference has none),
 * the five reference modalities bound to their plugins through the normal wiring.
 */
final class BenchSetup {

    private BenchSetup() {
    }

    static TrainStepBenchmark harness(BenchShape shape, Properties system) {
        Nd4j.getEnvironment().setMaxMasterThreads(shape.threads);
        Nd4j.getEnvironment().setMaxThreads(shape.threads);
        Nd4j.factory().blas().setMaxThreads(shape.threads);
        List<String> sets = List.of("model.preset=" + shape.preset.name(), "model.engine=" + shape.engine, "model.dropout=0",
                "model.embed-dropout=0");
        try (Experiment experiment = Experiment.open(new ExperimentSources(Optional.empty(), sets, system))) {
            ModelConfig config = experiment.modelConfig();
            return new TrainStepBenchmark(config, experiment.bindings(TrainStepBenchmark.modalities(100)), shape.neurons,
                    shape.batch);
        }
    }

    /** The settings that change the figures most, to print beside them. */
    static String environment() {
        return "OPENBLAS_CORETYPE=" + Optional.ofNullable(System.getenv("OPENBLAS_CORETYPE")).orElse("(unset)")
                + " OMP_WAIT_POLICY=" + Optional.ofNullable(System.getenv("OMP_WAIT_POLICY")).orElse("(unset)");
    }
}
