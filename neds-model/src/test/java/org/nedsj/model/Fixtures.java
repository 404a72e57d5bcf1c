package org.nedsj.model;

import com.typesafe.config.ConfigFactory;
import org.nedsj.model.modality.ModelPlugin;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small models and batches for the model tests. */
final class Fixtures {

    static final ModalitySpec SPIKES = ModalitySpec.neuralCounts("spikes", 6);
    static final ModalitySpec WHEEL = ModalitySpec.dynamicBehaviour("wheel", 6);
    static final ModalitySpec WHISKER = ModalitySpec.dynamicBehaviour("whisker", 6);
    static final ModalitySpec CHOICE = ModalitySpec.staticBehaviour("choice", 2);
    static final ModalitySpec BLOCK = ModalitySpec.staticBehaviour("block", 3);
    static final List<ModalitySpec> ALL = List.of(SPIKES, WHEEL, WHISKER, CHOICE, BLOCK);

    private Fixtures() {
    }

    static List<ModalityBinding> bindings(List<ModalitySpec> specs) {
        return bindings(specs, false);
    }

    /** @param sessionOffsets whether the class decoders get per-session offsets ({@code session-offsets}) */
    static List<ModalityBinding> bindings(List<ModalitySpec> specs, boolean sessionOffsets) {
        return bindings(specs, "session-offsets = " + sessionOffsets);
    }

    /** @param keys more keys of every modality section (the class decoders' offsets) */
    static List<ModalityBinding> bindings(List<ModalitySpec> specs, String keys) {
        return bindings(specs, keys, keys);
    }

    /**
     * @param behaviourKeys more keys of every behaviour modality's section
     * @param neuralKeys    more keys of every neural modality's section
     */
    static List<ModalityBinding> bindings(List<ModalitySpec> specs, String behaviourKeys, String neuralKeys) {
        List<ModalityBinding> out = new ArrayList<>();
        for (ModalitySpec spec : specs) {
            String enc = CODECS.encoderFor(spec);
            String dec = CODECS.decoderFor(spec);
            out.add(CODECS.bind(spec, ConfigFactory.parseString("encoder = " + enc + ", decoder = " + dec
                    + ", weight = 1.0, initial-log-rate = -1.0, " + (spec.isNeural() ? neuralKeys : behaviourKeys))));
        }
        return out;
    }

    /** The built-in plugin's codecs, looked up by name as the trainer would. */
    static final PluginCodecs CODECS = new PluginCodecs();

    static final class PluginCodecs implements CodecCatalog {
        private final ModelPlugin plugin = new ModelPlugin();

        String encoderFor(ModalitySpec spec) {
            return plugin.modalityEncoders().stream().filter(f -> f.supports(spec)).findFirst().orElseThrow().name();
        }

        String decoderFor(ModalitySpec spec) {
            return plugin.modalityDecoders().stream().filter(f -> f.supports(spec)).findFirst().orElseThrow().name();
        }

        @Override
        public org.nedsj.spi.ModalityEncoder encoder(String name, ModalitySpec modality, com.typesafe.config.Config section) {
            return plugin.modalityEncoders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow()
                    .create(modality, section);
        }

        @Override
        public org.nedsj.spi.ModalityDecoder decoder(String name, ModalitySpec modality, com.typesafe.config.Config section) {
            return plugin.modalityDecoders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow()
                    .create(modality, section);
        }
    }

    static SessionTable sessions(int... neurons) {
        List<SessionInfo> s = new ArrayList<>();
        for (int i = 0; i < neurons.length; i++) {
            s.add(new SessionInfo("s" + i, neurons[i], 10, 2, 2, "test"));
        }
        return new SessionTable(s);
    }

    static ModelConfig tiny() {
        return new ModelConfig(16, 2, 2, 32, "layer", 0.0, 0.0, true, 10000, 0, 1e-5,
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /**
     * A batch of {@code sessionOfTrial.length} trials with random values drawn from {@code seed}; per-session
     * modalities padded to {@code width}.
     */
    static Batch batch(List<ModalitySpec> specs, SessionTable table, int[] sessionOfTrial, long seed, int width) {
        return batch(specs, table, sessionOfTrial, seed, width, java.util.Map.of());
    }

    /** As above, the class of each trial of the modalities in {@code classOfSession} given by its session instead. */
    static Batch batch(List<ModalitySpec> specs, SessionTable table, int[] sessionOfTrial, long seed, int width,
                       java.util.Map<String, java.util.function.IntUnaryOperator> classOfSession) {
        Random rng = new Random(seed);
        int n = sessionOfTrial.length;
        String[] ids = new String[n];
        int[] trials = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = table.get(sessionOfTrial[i]).id();
            trials[i] = i;
        }
        Batch.Builder b = Batch.builder(0, specs).trials(sessionOfTrial, ids, trials);
        for (ModalitySpec m : specs) {
            int w = m.perSessionWidth() ? width : m.width();
            float[] v = new float[n * m.tokensPerTrial() * w];
            for (int i = 0; i < n; i++) {
                int real = m.perSessionWidth() ? table.get(sessionOfTrial[i]).width(m) : w;
                for (int t = 0; t < m.tokensPerTrial(); t++) {
                    for (int j = 0; j < real; j++) {
                        int k = (i * m.tokensPerTrial() + t) * w + j;
                        v[k] = switch (m.kind()) {
                            case NEURAL_COUNTS -> rng.nextInt(3);
                            case DYNAMIC_CONTINUOUS -> (float) rng.nextGaussian();
                            case STATIC_CATEGORICAL -> classOfSession.containsKey(m.name())
                                    ? classOfSession.get(m.name()).applyAsInt(sessionOfTrial[i]) : rng.nextInt(m.classes());
                        };
                    }
                }
            }
            b.values(m.name(), w, v);
        }
        return b.build();
    }

    /** Hides and targets every {@code every}-th token of each modality (and the static token of odd trials). */
    static MaskPlan plan(List<ModalitySpec> specs, int n, int every) {
        MaskPlan.Builder p = MaskPlan.builder(n, specs, "test");
        for (ModalitySpec m : specs) {
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < m.tokensPerTrial(); t++) {
                    boolean hide = m.isStatic() ? i % 2 == 1 : (t + i) % every == 0;
                    if (hide) {
                        p.mask(m.name(), i, t);
                    }
                }
            }
        }
        return p.build();
    }

    /**
     * Steps both models on one batch of two sessions and asserts the same loss and the same gradient of every
     * parameter of {@code a} that {@code compared} names; returns {@code b}'s step.
     */
    static StepResult assertSameStep(NedsModel a, NedsModel b, SessionTable table,
                                     java.util.function.Predicate<String> compared) {
        Batch batch = batch(ALL, table, new int[]{0, 1, 1, 0, 1, 0}, 3, 7);
        MaskPlan plan = plan(ALL, 6, 2);
        StepResult first = a.step(batch, plan, 4);
        StepResult second = b.step(batch, plan, 4);
        org.junit.jupiter.api.Assertions.assertEquals(first.loss(), second.loss(), 0.0);
        for (var g : first.gradients().entrySet()) {
            if (compared.test(g.getKey())) {
                org.junit.jupiter.api.Assertions.assertEquals(g.getValue(), second.gradients().get(g.getKey()), g.getKey());
            }
        }
        return second;
    }
}
