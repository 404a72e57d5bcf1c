package org.nedsj.trainer.bench;

import com.typesafe.config.ConfigFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.model.Parameter;
import org.nedsj.model.SessionTable;
import org.nedsj.model.StepResult;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.optim.GlobalNormClipping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Times the training step (forward, backward, clipping, AdamW) at the PyTorch reference's shapes:
 * one session of {@code neurons} neurons, 100 bins, spikes + wheel + whisker + choice + block
 * (302 tokens), the batch alternating between encoding and decoding masks.
 */
public final class TrainStepBenchmark {

    /** Timings of one configuration. */
    public record Result(int batch, double[] stepSeconds, long parameters, double flopsPerStep,
                         Map<String, Double> phaseSeconds) {
        public double median() {
            double[] s = stepSeconds.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }

        public double trialsPerSecond() {
            return batch / median();
        }

        public double gflops() {
            return flopsPerStep / median() / 1e9;
        }
    }

    private TrainStepBenchmark() {
    }

    public static Result run(ModelConfig config, CodecCatalog codecs, Map<String, String[]> codecNames, int neurons,
                             int batch, int warmup, int steps) {
        int bins = 100;
        List<ModalitySpec> specs = List.of(ModalitySpec.neuralCounts("spikes", bins), ModalitySpec.dynamicBehaviour("wheel", bins),
                ModalitySpec.dynamicBehaviour("whisker", bins), ModalitySpec.staticBehaviour("choice", 2),
                ModalitySpec.staticBehaviour("block", 3));
        List<ModalityBinding> bindings = new ArrayList<>();
        for (ModalitySpec s : specs) {
            String[] names = codecNames.get(s.name());
            bindings.add(codecs.bind(s, ConfigFactory.parseString("encoder = " + names[0] + ", decoder = " + names[1]
                    + ", weight = 1.0, initial-log-rate = -2.0")));
        }
        SessionTable table = new SessionTable(List.of(new SessionInfo("bench", neurons, 1000, 0, 0, "synthetic")));
        NedsModel model = NedsModel.create(config, bindings, table, 0);
        Batch data = batch(specs, neurons, batch, bins);
        MaskPlan[] plans = {plan(specs, batch, true), plan(specs, batch, false)};
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.01);
        double[] optimizerSeconds = new double[2];
        Map<String, INDArray> params = new LinkedHashMap<>();
        Set<String> decayed = new HashSet<>();
        for (Parameter p : model.parameters()) {
            params.put(p.name(), model.parameter(p.name()));
            if (p.decayed()) {
                decayed.add(p.name());
            }
        }
        double[] times = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            if (i == warmup) {
                model.profile().reset();
            }
            long t0 = System.nanoTime();
            StepResult r = model.step(data, plans[i % 2], i);
            long t1 = System.nanoTime();
            GlobalNormClipping.clip(r.gradients(), 1.0);
            long t2 = System.nanoTime();
            adam.step(params, r.gradients(), decayed, 1e-4);
            long t3 = System.nanoTime();
            if (i >= warmup) {
                optimizerSeconds[0] += (t2 - t1) / 1e9;
                optimizerSeconds[1] += (t3 - t2) / 1e9;
            }
            if (i >= warmup) {
                times[i - warmup] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Map<String, Double> phases = new LinkedHashMap<>(model.profile().seconds());
        phases.put("clipping", optimizerSeconds[0]);
        phases.put("adamw", optimizerSeconds[1]);
        phases.replaceAll((k, v) -> v / steps);
        return new Result(batch, times, model.parameterCount(), flops(config, neurons, batch, bins), phases);
    }

    /** Matmul FLOPs of one training step (forward ×3 for backward), as the PyTorch reference counts them. */
    static double flops(ModelConfig c, int neurons, int batch, int bins) {
        double tokens = 3.0 * bins + 2;
        double h = c.hidden();
        double perToken = 4 * h * h + 2 * h * c.mlp();              // q, k, v, out; MLP
        double attention = 2 * tokens * h;                          // scores and context per token
        double layers = c.layers() * (perToken + attention) * tokens;
        double stitch = 2.0 * bins * neurons * h;                   // stitcher in and out
        return 2 * 3 * batch * (layers + stitch);
    }

    private static Batch batch(List<ModalitySpec> specs, int neurons, int n, int bins) {
        Random rng = new Random(0);
        int[] sessions = new int[n];
        String[] ids = new String[n];
        int[] trials = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "bench";
            trials[i] = i;
        }
        Batch.Builder b = Batch.builder(0, specs).trials(sessions, ids, trials);
        for (ModalitySpec m : specs) {
            int w = m.perSessionWidth() ? neurons : 1;
            float[] v = new float[n * m.tokensPerTrial() * w];
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

    /** Encoding (spikes hidden) or decoding (behaviour hidden) for the whole batch. */
    private static MaskPlan plan(List<ModalitySpec> specs, int n, boolean encoding) {
        MaskPlan.Builder p = MaskPlan.builder(n, specs, encoding ? "encoding" : "decoding");
        for (ModalitySpec m : specs) {
            if (m.isNeural() == encoding) {
                for (int i = 0; i < n; i++) {
                    p.maskAll(m.name(), i);
                }
            }
        }
        return p.build();
    }

    public static void main(String[] args) {
        boolean full = args.length > 0 && args[0].equals("full");
        ModelConfig config = full
                ? new ModelConfig(256, 5, 8, 512, "layer", 0, 0, true, 10000, 0, 1e-5, DataType.FLOAT)
                : new ModelConfig(128, 3, 4, 256, "layer", 0, 0, true, 10000, 0, 1e-5, DataType.FLOAT);
        org.nedsj.model.modality.ModelPlugin plugin = new org.nedsj.model.modality.ModelPlugin();
        CodecCatalog codecs = new CodecCatalog() {
            public org.nedsj.spi.ModalityEncoder encoder(String name, ModalitySpec m, com.typesafe.config.Config c) {
                return plugin.modalityEncoders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().create(m, c);
            }

            public org.nedsj.spi.ModalityDecoder decoder(String name, ModalitySpec m, com.typesafe.config.Config c) {
                return plugin.modalityDecoders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().create(m, c);
            }
        };
        Map<String, String[]> names = Map.of("spikes", new String[]{"stitched-counts", "poisson"},
                "wheel", new String[]{"linear", "mse"}, "whisker", new String[]{"linear", "mse"},
                "choice", new String[]{"embedding", "cross-entropy"}, "block", new String[]{"embedding", "cross-entropy"});
        Result r = run(config, codecs, names, 200, 16, 3, args.length > 1 ? Integer.parseInt(args[1]) : 10);
        System.out.printf("params %d  median step %.3f s  %.1f trials/s  %.1f GFLOP/s  steps %s%n", r.parameters(),
                r.median(), r.trialsPerSecond(), r.gflops(), Arrays.toString(r.stepSeconds()));
        r.phaseSeconds().forEach((k, v) -> System.out.printf("  %-24s %.4f s%n", k, v));
    }
}
