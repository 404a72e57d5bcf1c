package org.nedsj.trainer.train;

import com.typesafe.config.ConfigFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nedsj.masking.MaskingPlugin;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ModelConfig;
import org.nedsj.model.NedsModel;
import org.nedsj.model.SessionTable;
import org.nedsj.model.modality.ModelPlugin;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.MaskingSchemeFactory;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.optim.AdamW;
import org.nedsj.trainer.run.RunDirectory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Builds tiny models and trainers over {@link ToyData} with the built-in plugins, as the wiring would. */
final class TrainerFixture {

    static final ModelPlugin MODEL = new ModelPlugin();
    static final MaskingPlugin MASKING = new MaskingPlugin();

    static final CodecCatalog CODECS = new CodecCatalog() {
        @Override
        public ModalityEncoder encoder(String name, ModalitySpec m, com.typesafe.config.Config c) {
            return MODEL.modalityEncoders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().create(m, c);
        }

        @Override
        public ModalityDecoder decoder(String name, ModalitySpec m, com.typesafe.config.Config c) {
            return MODEL.modalityDecoders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().create(m, c);
        }
    };

    private TrainerFixture() {
    }

    static List<ModalityBinding> bindings(List<ModalitySpec> specs) {
        return bindings(specs, "");
    }

    /** @param keys more keys of every modality section */
    static List<ModalityBinding> bindings(List<ModalitySpec> specs, String keys) {
        return bindings(specs, keys, keys);
    }

    /**
     * @param behaviourKeys more keys of every behaviour modality's section
     * @param neuralKeys    more keys of every neural modality's section
     */
    static List<ModalityBinding> bindings(List<ModalitySpec> specs, String behaviourKeys, String neuralKeys) {
        List<ModalityBinding> out = new ArrayList<>();
        for (ModalitySpec s : specs) {
            String enc = MODEL.modalityEncoders().stream().filter(f -> f.supports(s)).findFirst().orElseThrow().name();
            String dec = MODEL.modalityDecoders().stream().filter(f -> f.supports(s)).findFirst().orElseThrow().name();
            out.add(CODECS.bind(s, ConfigFactory.parseString("encoder = " + enc + ", decoder = " + dec
                    + ", weight = 1.0, initial-log-rate = -1.0, " + (s.isNeural() ? neuralKeys : behaviourKeys))));
        }
        return out;
    }

    static ModelConfig tinyConfig(double dropout) {
        return new ModelConfig(16, 1, 2, 32, "layer", dropout, dropout, true, 10000, 0, 1e-5, DataType.FLOAT);
    }

    static NedsModel model(ToyData data, ModelConfig config, long seed) {
        return NedsModel.create(config, bindings(data.modalities()), new SessionTable(data.sessions()), seed);
    }

    /** The built-in {@code mixed} scheme with its defaults. */
    static MaskingScheme mixed() {
        return scheme("mixed");
    }

    /** A built-in scheme by name, with its defaults. */
    static MaskingScheme scheme(String schemeName) {
        var masking = ConfigFactory.defaultReference().getConfig("masking");
        MaskingSchemeFactory.SchemeCatalog[] catalog = new MaskingSchemeFactory.SchemeCatalog[1];
        catalog[0] = name -> MASKING.maskingSchemes().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow().create(masking, catalog[0]);
        return catalog[0].create(schemeName);
    }

    /**
     * The same plan for every batch: in trial i, every third bin of each dynamic modality (offset by
     * i and the modality), and choice or block by the parity of i. What is hidden never changes, so a
     * model can learn every hidden value of the training trials by heart.
     */
    static MaskingScheme fixedPlan() {
        return new MaskingScheme() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public org.nedsj.spi.MaskPlan plan(org.nedsj.spi.Batch batch, long seed) {
                var plan = org.nedsj.spi.MaskPlan.builder(batch.size(), batch.modalities(), "fixed");
                for (int i = 0; i < batch.size(); i++) {
                    int offset = batch.trial(i);
                    for (int m = 0; m < batch.modalities().size(); m++) {
                        ModalitySpec spec = batch.modalities().get(m);
                        for (int t = 0; t < spec.tokensPerTrial(); t++) {
                            boolean hide = spec.isStatic() ? (offset + m) % 2 == 0 : (t + offset + m) % 3 == 0;
                            if (hide) {
                                plan.mask(spec.name(), i, t);
                            }
                        }
                    }
                }
                return plan.build();
            }
        };
    }

    static TrainingOptions options(int epochs, double lr) {
        return new TrainingOptions(7, epochs, 8, "per-session", lr, 0.1, 0.1, 0.0, 0.01, 0.9, 0.999, 1e-8, 1.0,
                100, 0.0, 0, 0.5);
    }

    static Trainer trainer(NedsModel model, ToyData data, AdamW adam, TrainerState state, TrainingOptions options,
                           RunDirectory run, PrintStream out) {
        return trainer(model, data, adam, state, options, run, out, mixed());
    }

    static Trainer trainer(NedsModel model, ToyData data, AdamW adam, TrainerState state, TrainingOptions options,
                           RunDirectory run, PrintStream out, MaskingScheme scheme) {
        return trainer(model, data, adam, state, options, run, out, scheme, TaskValidation.under(model.modalities(), scheme));
    }

    static Trainer trainer(NedsModel model, ToyData data, AdamW adam, TrainerState state, TrainingOptions options,
                           RunDirectory run, PrintStream out, MaskingScheme scheme, TaskValidation tasks) {
        BatchAssembler assembler = new BatchAssembler(data, model.specs(), model::width);
        return new Trainer(model, adam, state, assembler, scheme, tasks, options, run,
                TrialSplits.of(data, model.sessions(), data.sessions(), Split.TRAIN),
                TrialSplits.of(data, model.sessions(), data.sessions(), Split.VAL), n -> true, out, false);
    }

    static AdamW adam(TrainingOptions o) {
        return new AdamW(o.beta1(), o.beta2(), o.epsilon(), o.weightDecay());
    }
}
