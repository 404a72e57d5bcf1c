package org.nedsj.trainer.bench;

import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.model.ParameterStore;
import org.nedsj.model.SessionTable;
import org.nedsj.model.StepResult;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.optim.GlobalNormClipping;
import org.nedsj.trainer.parallel.DataParallelStep;
import org.nedsj.trainer.parallel.GradientStep;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Times the model at the PyTorch reference's shapes: one session of {@code neurons} neurons, 100
 * bins, spikes + wheel + whisker + choice + block (302 tokens per trial), a batch alternating
 * between encoding and decoding masks as the reference does. A training step is forward, backward,
 * global-norm clipping and AdamW; an inference step is the forward pass in evaluation mode.
 */
public final class TrainStepBenchmark {

    /** Timings of one configuration, with where a training step's time went. */
    public record Result(int batch, double[] stepSeconds, long parameters, double flopsPerStep,
                         Map<String, Double> phaseSeconds) {

        public double median() {
            double[] s = stepSeconds.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(stepSeconds).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(stepSeconds).max().orElse(Double.NaN);
        }

        public double trialsPerSecond() {
            return batch / median();
        }

        public double gflops() {
            return flopsPerStep / median() / 1e9;
        }
    }

    private final ModelConfig config;
    private final List<ModalityBinding> bindings;
    private final int neurons;
    private final int batch;
    private final int bins;

    /** @param bindings the five reference modalities bound to their plugins (spikes, wheel, whisker, choice, block) */
    public TrainStepBenchmark(ModelConfig config, List<ModalityBinding> bindings, int neurons, int batch) {
        this.config = config;
        this.bindings = bindings;
        this.neurons = neurons;
        this.batch = batch;
        this.bins = bindings.get(0).spec().tokensPerTrial();
    }

    public ModelConfig config() {
        return config;
    }

    /** The reference's modalities at {@code bins} bins. */
    public static List<ModalitySpec> modalities(int bins) {
        return List.of(ModalitySpec.neuralCounts("spikes", bins), ModalitySpec.dynamicBehaviour("wheel", bins),
                ModalitySpec.dynamicBehaviour("whisker", bins), ModalitySpec.staticBehaviour("choice", 2),
                ModalitySpec.staticBehaviour("block", 3));
    }

    private NedsModel model() {
        SessionTable table = new SessionTable(List.of(new SessionInfo("bench", neurons, 1000, 0, 0, "synthetic")));
        return NedsModel.create(config, bindings, table, 0);
    }

    public Result training(int warmup, int steps) {
        NedsModel model = model();
        List<ModalitySpec> specs = model.specs();
        Batch data = batch(specs);
        MaskPlan[] plans = {plan(specs, batch, true), plan(specs, batch, false)};
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.01);
        ParameterStore store = model.store();
        List<ParameterStore.Run> all = store.runs(p -> true);
        double[] times = new double[steps];
        double clipping = 0;
        double optimizer = 0;
        for (int i = 0; i < warmup + steps; i++) {
            if (i == warmup) {
                model.profile().reset();
            }
            long t0 = System.nanoTime();
            StepResult r = model.step(data, plans[i % 2], i);
            long t1 = System.nanoTime();
            GlobalNormClipping.clip(r.gradientBuffer(), all, 1.0);
            long t2 = System.nanoTime();
            adam.step(store, all, 1e-4);
            long t3 = System.nanoTime();
            if (i >= warmup) {
                times[i - warmup] = (t3 - t0) / 1e9;
                clipping += (t2 - t1) / 1e9;
                optimizer += (t3 - t2) / 1e9;
            }
        }
        Map<String, Double> phases = new LinkedHashMap<>(model.profile().seconds());
        phases.put("clipping", clipping);
        phases.put("adamw", optimizer);
        phases.replaceAll((k, v) -> v / steps);
        return new Result(batch, times, model.parameterCount(), trainingFlops(), phases);
    }

    /**
     * Training steps of the whole batch computed by {@code replicas} replicas at once, each in its own
     * thread with {@code cores / replicas} compute threads ({@link DataParallelStep}); then clipping and
     * AdamW on the summed gradient, and the new weights copied to the replicas (all timed).
     */
    public Result training(int warmup, int steps, int replicas, int cores) {
        return training(warmup, steps, model -> new DataParallelStep(model, replicas, batch, cores));
    }

    /**
     * Training steps of the whole batch whose gradient {@code steps} computes (e.g. another engine's
     * tasks); then clipping and AdamW on it, and the new weights published (all timed).
     */
    public Result training(int warmup, int steps, Function<NedsModel, GradientStep> stepper) {
        NedsModel model = model();
        List<ModalitySpec> specs = model.specs();
        Batch data = batch(specs);
        MaskPlan[] plans = {plan(specs, batch, true), plan(specs, batch, false)};
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.01);
        ParameterStore store = model.store();
        List<ParameterStore.Run> all = store.runs(p -> true);
        double[] times = new double[steps];
        try (GradientStep parallel = stepper.apply(model)) {
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = System.nanoTime();
                parallel.step(data, plans[i % 2], i);
                GlobalNormClipping.clip(store.gradients(), all, 1.0);
                adam.step(store, all, 1e-4);
                parallel.publishWeights();
                if (i >= warmup) {
                    times[i - warmup] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        return new Result(batch, times, model.parameterCount(), trainingFlops(), Map.of());
    }

    public Result inference(int warmup, int steps) {
        NedsModel model = model();
        List<ModalitySpec> specs = model.specs();
        Batch data = batch(specs);
        MaskPlan[] plans = {plan(specs, batch, true), plan(specs, batch, false)};
        double[] times = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            model.predict(data, plans[i % 2]);
            if (i >= warmup) {
                times[i - warmup] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return new Result(batch, times, model.parameterCount(), trainingFlops() / 3, Map.of());
    }

    /**
     * Matrix-multiply FLOPs of one training step, backward counted as twice the forward: per token
     * and layer the q, k, v, output and MLP projections and the attention scores and context; the
     * stitcher in and out.
     */
    double trainingFlops() {
        double tokens = 3.0 * bins + 2;
        double h = config.hidden();
        double perToken = 4 * h * h + 2 * h * config.mlp();
        double attention = 2 * tokens * h;
        double layers = config.layers() * (perToken + attention) * tokens;
        double stitch = 2.0 * bins * neurons * h;
        return 2 * 3 * batch * (layers + stitch);
    }

    private Batch batch(List<ModalitySpec> specs) {
        Random rng = new Random(0);
        int[] sessions = new int[batch];
        String[] ids = new String[batch];
        int[] trials = new int[batch];
        for (int i = 0; i < batch; i++) {
            ids[i] = "bench";
            trials[i] = i;
        }
        Batch.Builder b = Batch.builder(0, specs).trials(sessions, ids, trials);
        for (ModalitySpec m : specs) {
            int w = m.perSessionWidth() ? neurons : 1;
            float[] v = new float[batch * m.tokensPerTrial() * w];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (m.kind()) {
                    case NEURAL_COUNTS -> rng.nextFloat() < 0.26f ? 1 : 0;
                    case DYNAMIC_CONTINUOUS -> (float) rng.nextGaussian();
                    case STATIC_CATEGORICAL -> rng.nextInt(m.classes());
                };
            }
            b.values(m.name(), w, v);
        }
        return b.build();
    }

    /** Encoding (neural tokens hidden) or decoding (behaviour hidden) for the whole batch, as the reference alternates. */
    static MaskPlan plan(List<ModalitySpec> specs, int batch, boolean encoding) {
        MaskPlan.Builder p = MaskPlan.builder(batch, specs, encoding ? "encoding" : "decoding");
        for (ModalitySpec m : specs) {
            if (m.isNeural() == encoding) {
                for (int i = 0; i < batch; i++) {
                    p.maskAll(m.name(), i);
                }
            }
        }
        return p.build();
    }
}
