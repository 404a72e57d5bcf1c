package org.nedsj.trainer.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ModelConfig;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalityDecoder;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NamedFactory;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import org.nedsj.trainer.plugin.ExtensionPoint;
import org.nedsj.trainer.plugin.PluginCatalog;
import org.nedsj.trainer.train.TrainingOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One experiment's configuration made concrete through the plugins: its data source, the model's
 * modalities with their encoders and decoders, its masking schemes and its training options.
 */
public final class Experiment implements AutoCloseable {

    private final ExperimentContext context;
    private Config config;
    private DataSource data;

    private Experiment(ExperimentContext context) {
        this.context = context;
        this.config = context.config();
    }

    public static Experiment open(ExperimentSources sources) {
        return new Experiment(ExperimentContext.open(sources));
    }

    public static Experiment open(Path file, List<String> sets) {
        return open(ExperimentSources.of(file, sets));
    }

    public Config config() {
        return config;
    }

    public ExperimentContext context() {
        return context;
    }

    public PluginCatalog plugins() {
        return context.plugins();
    }

    /** The data source {@code data.source} names, made from the {@code data} section (once). */
    public DataSource data() {
        if (data == null) {
            data = plugins().dataSource(config, "data.source").create(config.getConfig("data"));
        }
        return data;
    }

    public ModelConfig modelConfig() {
        resolveAuto();
        return ModelConfig.from(config.getConfig("model"));
    }

    public TrainingOptions training() {
        resolveAuto();   // nothing is auto after this: the two values below are never taken
        return TrainingOptions.from(config.getConfig("train"), ScalePresets.replicas(), ScalePresets.batchSize(1));
    }

    /**
     * Replaces {@code model.preset}, {@code train.batch-size} and {@code train.parallel.replicas} given as
     * {@code auto} by what they resolve to (by the number of training sessions, and the devices visible),
     * in the configuration this experiment reads and in the resolved configuration a run writes.
     */
    public void resolveAuto() {
        boolean preset = isAuto("model.preset");
        boolean batch = isAuto("train.batch-size");
        if (preset || batch) {
            int sessions = trainingSessions().size();
            if (preset) {
                String name = ScalePresets.preset(sessions);
                context.resolve("model.preset", name, "model.preset = auto, for " + sessions + " training session(s)");
            }
            if (batch) {
                context.resolve("train.batch-size", ScalePresets.batchSize(sessions),
                        "train.batch-size = auto, for " + sessions + " training session(s)");
            }
        }
        if (isAuto("train.parallel.replicas")) {
            context.resolve("train.parallel.replicas", ScalePresets.replicas(),
                    "train.parallel.replicas = auto, " + ScalePresets.devices());
        }
        config = context.config();
    }

    private boolean isAuto(String path) {
        return config.hasPath(path) && config.getValue(path).valueType() == com.typesafe.config.ConfigValueType.STRING
                && "auto".equals(config.getString(path));
    }

    /** Sessions used for pre-training: every session of the data but {@code train.held-out-sessions}. */
    public List<SessionInfo> trainingSessions() {
        Set<String> heldOut = new HashSet<>(config.getStringList("train.held-out-sessions"));
        Set<String> known = new HashSet<>();
        List<SessionInfo> sessions = new ArrayList<>();
        for (SessionInfo s : data().sessions()) {
            known.add(s.id());
            if (!heldOut.contains(s.id())) {
                sessions.add(s);
            }
        }
        heldOut.removeAll(known);
        if (!heldOut.isEmpty()) {
            throw new IllegalArgumentException("train.held-out-sessions names sessions the data does not have: " + heldOut
                    + "; the data has " + known);
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no session left to train on: train.held-out-sessions holds them all");
        }
        return sessions;
    }

    /** Each modality bound to its encoder, decoder and loss weight from {@code model.modalities.<name>}. */
    public List<ModalityBinding> bindings(List<ModalitySpec> modalities) {
        List<ModalityBinding> out = new ArrayList<>();
        for (ModalitySpec m : modalities) {
            out.add(codecs().bind(m, modalitySection(m)));
        }
        return out;
    }

    /** The modality's section with "auto" encoder and decoder replaced by the one plugin supporting its kind. */
    private Config modalitySection(ModalitySpec m) {
        String path = "model.modalities." + m.name();
        Config section = config.hasPath(path) ? config.getConfig(path).withFallback(config.getConfig("model.modality-template"))
                : config.getConfig("model.modality-template");
        section = resolveAuto(section, "encoder", path, ExtensionPoint.MODALITY_ENCODER, m);
        return resolveAuto(section, "decoder", path, ExtensionPoint.MODALITY_DECODER, m);
    }

    private Config resolveAuto(Config section, String key, String path, ExtensionPoint<?> point, ModalitySpec m) {
        if (!section.getString(key).equals("auto")) {
            return section;
        }
        List<String> supporting = new ArrayList<>();
        for (String name : plugins().names(point)) {
            NamedFactory f = plugins().factory(point, path + "." + key, name);
            boolean supports = f instanceof org.nedsj.spi.ModalityEncoderFactory e ? e.supports(m)
                    : ((org.nedsj.spi.ModalityDecoderFactory) f).supports(m);
            if (supports) {
                supporting.add(name);
            }
        }
        if (supporting.size() != 1) {
            throw new IllegalArgumentException(path + "." + key + " = auto: " + (supporting.isEmpty()
                    ? "no " + key + " plugin supports modality " + m.name() + " (" + m.kind() + ")"
                    : "several " + key + " plugins support modality " + m.name() + " (" + supporting + "); name one")
                    + ", e.g. --set " + path + "." + key + "=NAME");
        }
        return section.withValue(key, ConfigValueFactory.fromAnyRef(supporting.get(0)));
    }

    /** Makes encoders and decoders by name through the plugins (also for loading saved models). */
    public CodecCatalog codecs() {
        return new CodecCatalog() {
            @Override
            public ModalityEncoder encoder(String name, ModalitySpec modality, Config section) {
                return plugins().modalityEncoder(ConfigFactory.empty().withValue("encoder",
                        ConfigValueFactory.fromAnyRef(name)), "encoder", modality).create(modality, section);
            }

            @Override
            public ModalityDecoder decoder(String name, ModalitySpec modality, Config section) {
                return plugins().modalityDecoder(ConfigFactory.empty().withValue("decoder",
                        ConfigValueFactory.fromAnyRef(name)), "decoder", modality).create(modality, section);
            }
        };
    }

    /** A masking scheme by name, made from the {@code masking} section. */
    public MaskingScheme scheme(String name) {
        return plugins().maskingSchemes(config.getConfig("masking")).create(name);
    }

    /** A masking scheme by name, with {@code masking.ratio} replaced (fine-tuning masks less). */
    public MaskingScheme scheme(String name, double ratio) {
        Config masking = config.getConfig("masking").withValue("ratio", ConfigValueFactory.fromAnyRef(ratio));
        return plugins().maskingSchemes(masking).create(name);
    }

    /** The scheme that trains {@code train.mode}: {@code train.modes.<mode>}. */
    public MaskingScheme trainingScheme() {
        return scheme(trainingSchemeName());
    }

    public String trainingSchemeName() {
        String mode = config.getString("train.mode");
        if (!config.hasPath("train.modes." + mode)) {
            throw new IllegalArgumentException("train.mode = '" + mode + "': use one of "
                    + config.getConfig("train.modes").root().keySet());
        }
        return config.getString("train.modes." + mode);
    }

    @Override
    public void close() {
        if (data != null) {
            data.close();
        }
        context.close();
    }
}
