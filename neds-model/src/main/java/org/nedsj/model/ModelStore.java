package org.nedsj.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads a whole model as one zip: {@code model.json} (sizes, session table, modalities
 * with their plugins and config sections, seed, and the layout of the parameter store) and the
 * store's flat parameter buffer as one entry, written and read in one pass. Loading rebuilds the
 * model from the description, checks the layout, and sets every parameter, so outputs are identical.
 * Models of format 1 (one entry per parameter) still load.
 */
public final class ModelStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION = "model.json";
    private static final String PARAMS = "params/";
    /** The flat parameter buffer (format 2). */
    private static final String PARAMETERS = "parameters";
    /** The format that stored one entry per parameter; still read. */
    static final int FORMAT_PER_PARAMETER = 1;
    /** Prefix of the named byte attachments (e.g. a trainer's state). */
    public static final String ATTACHMENTS = "attachment/";
    /** The layout version written into {@code model.json}; loading reads it and {@link #FORMAT_PER_PARAMETER}, and refuses any other. */
    public static final int FORMAT = 2;

    private ModelStore() {
    }

    /** Writes atomically: a temporary file beside {@code file}, then a move. */
    public static void save(NedsModel model, Path file) throws IOException {
        save(model, Map.of(), file);
    }

    /** Saves the model and extra named arrays (e.g. optimizer moments) in the same zip. */
    public static void save(NedsModel model, Map<String, INDArray> extras, Path file) throws IOException {
        save(model, extras, Map.of(), file);
    }

    /**
     * Saves the model, extra named arrays (e.g. optimizer moments) and attachments (named bytes, e.g.
     * a trainer's state) in one zip, atomically.
     */
    public static void save(NedsModel model, Map<String, INDArray> extras, Map<String, byte[]> attachments, Path file)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                zip.putNextEntry(new ZipEntry(DESCRIPTION));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(model)));
                zip.closeEntry();
                writeArray(zip, PARAMETERS, model.store().values());
                for (var e : extras.entrySet()) {
                    writeArray(zip, "extra/" + e.getKey(), e.getValue());
                }
                for (var e : attachments.entrySet()) {
                    zip.putNextEntry(new ZipEntry(ATTACHMENTS + e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Arrays are stored, not deflated: trained weights and optimiser moments barely compress (the demo's
     * checkpoints by 14 %), and deflating them was most of the time a checkpoint took.
     */
    private static void writeArray(ZipOutputStream zip, String name, INDArray array) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        }
        byte[] raw = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(raw);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(raw.length);
        entry.setCompressedSize(raw.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(raw);
        zip.closeEntry();
    }

    /** A loaded model, the extra arrays and attachments saved with it, and the format it was stored in. */
    public record Loaded(NedsModel model, Map<String, INDArray> extras, Map<String, byte[]> attachments, int format) {
    }

    public static NedsModel load(Path file, CodecCatalog codecs) throws IOException {
        return loadWithExtras(file, codecs).model();
    }

    public static Loaded loadWithExtras(Path file, CodecCatalog codecs) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no saved model at " + file);
        }
        JsonNode description = null;
        Map<String, INDArray> params = new HashMap<>();
        INDArray flat = null;
        Map<String, INDArray> extras = new HashMap<>();
        Map<String, byte[]> attachments = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(DESCRIPTION)) {
                    description = JSON.readTree(zip.readAllBytes());
                } else if (e.getName().equals(PARAMETERS)) {
                    flat = Nd4j.read(new DataInputStream(zip));
                } else if (e.getName().startsWith(PARAMS)) {
                    params.put(e.getName().substring(PARAMS.length()), Nd4j.read(new DataInputStream(zip)));
                } else if (e.getName().startsWith("extra/")) {
                    extras.put(e.getName().substring("extra/".length()), Nd4j.read(new DataInputStream(zip)));
                } else if (e.getName().startsWith(ATTACHMENTS)) {
                    attachments.put(e.getName().substring(ATTACHMENTS.length()), zip.readAllBytes());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable NEDS-J model (" + e.getMessage()
                    + "); it is truncated or not a checkpoint, use another one or train again", e);
        }
        if (description == null) {
            throw new IOException(file + " has no " + DESCRIPTION + ": it is truncated or not a NEDS-J model; use another checkpoint or train again");
        }
        int format = requireFormat(file, description);
        NedsModel model = rebuild(file, description, codecs);
        if (format == FORMAT_PER_PARAMETER) {
            CheckpointCheck.requireMatching(file, model, params);
            for (Parameter p : model.parameters()) {
                model.parameter(p.name()).assign(params.get(p.name()));
            }
        } else {
            CheckpointCheck.requireNone(file, params);
            CheckpointCheck.requireLayout(file, model.store(), description.get("layout"));
            CheckpointCheck.requireFlat(file, model.store(), flat);
            model.store().values().assign(flat);
        }
        CheckpointCheck.requireFinite(file, extras);
        return new Loaded(model, extras, attachments, format);
    }

    private static int requireFormat(Path file, JsonNode description) throws IOException {
        JsonNode format = description.get("format");
        if (format == null || !format.canConvertToInt() || (format.asInt() != FORMAT && format.asInt() != FORMAT_PER_PARAMETER)) {
            throw new IOException(file + " has model format " + (format == null ? "(none)" : format.toString())
                    + "; this version of NEDS-J reads format " + FORMAT + " (and the older " + FORMAT_PER_PARAMETER
                    + "): train again with this version, or load it with the version that wrote it");
        }
        return format.asInt();
    }

    private static NedsModel rebuild(Path file, JsonNode description, CodecCatalog codecs) throws IOException {
        try {
            return rebuild(description, codecs);
        } catch (ConfigException e) {
            throw new IOException(file + " stores a modality configuration that cannot be used: " + e.getMessage(), e);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IOException(file + " cannot be rebuilt from its " + DESCRIPTION + " (" + e.getMessage()
                    + "); use another checkpoint or train again", e);
        }
    }

    private static NedsModel rebuild(JsonNode d, CodecCatalog codecs) {
        JsonNode c = d.get("config");
        ModelConfig config = new ModelConfig(c.get("hidden").asInt(), c.get("layers").asInt(), c.get("heads").asInt(),
                c.get("mlp").asInt(), c.get("norm").asText(), c.get("dropout").asDouble(), c.get("embedDropout").asDouble(),
                c.get("sessionEmbedding").asBoolean(), c.get("ropeBase").asDouble(), c.get("staticPosition").asInt(),
                c.get("normEpsilon").asDouble(), DataType.valueOf(c.get("dataType").asText()),
                c.has("engine") ? c.get("engine").asText() : ModelConfig.FUSED,
                c.has("timeEmbedding") && c.get("timeEmbedding").asBoolean(),
                c.has("timeBias") && c.get("timeBias").asBoolean(),
                c.has("staticTokens") ? c.get("staticTokens").asInt() : 1,
                c.has("staticReadout") ? c.get("staticReadout").asText() : ModelConfig.OWN_TOKENS);
        List<SessionInfo> sessions = new ArrayList<>();
        for (JsonNode s : d.get("sessions")) {
            Map<String, Integer> widths = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = s.get("widths").fields();
            it.forEachRemaining(e -> widths.put(e.getKey(), e.getValue().asInt()));
            sessions.add(new SessionInfo(s.get("id").asText(), s.get("neurons").asInt(), widths, s.get("train").asInt(),
                    s.get("val").asInt(), s.get("test").asInt(), s.get("source").asText()));
        }
        List<ModalityBinding> modalities = new ArrayList<>();
        for (JsonNode m : d.get("modalities")) {
            ModalitySpec spec = new ModalitySpec(m.get("name").asText(), ModalitySpec.Kind.valueOf(m.get("kind").asText()),
                    ModalitySpec.Role.valueOf(m.get("role").asText()), m.get("tokens").asInt(), m.get("width").asInt(),
                    m.get("classes").asInt());
            Config section = StoredConfig.parse(m.get("section").asText());
            modalities.add(codecs.bind(spec, section));
        }
        return NedsModel.create(config, modalities, new SessionTable(sessions), d.get("seed").asLong());
    }

    private static ObjectNode describe(NedsModel model) {
        ObjectNode d = JSON.createObjectNode();
        d.put("format", FORMAT);
        d.put("seed", model.seed());
        ArrayNode layout = d.putArray("layout");
        for (ParameterStore.Slot s : model.store().slots()) {
            ObjectNode n = layout.addObject();
            n.put("name", s.name());
            n.put("offset", s.offset());
            n.set("shape", JSON.valueToTree(s.shape()));
        }
        d.set("config", JSON.valueToTree(model.config()));
        ArrayNode sessions = d.putArray("sessions");
        for (SessionInfo s : model.sessions().sessions()) {
            ObjectNode n = sessions.addObject();
            n.put("id", s.id());
            n.put("neurons", s.neurons());
            n.set("widths", JSON.valueToTree(s.widths()));
            n.put("train", s.trainTrials());
            n.put("val", s.valTrials());
            n.put("test", s.testTrials());
            n.put("source", s.source());
        }
        ArrayNode modalities = d.putArray("modalities");
        for (ModalityBinding m : model.modalities()) {
            ObjectNode n = modalities.addObject();
            ModalitySpec s = m.spec();
            n.put("name", s.name());
            n.put("kind", s.kind().name());
            n.put("role", s.role().name());
            n.put("tokens", s.tokensPerTrial());
            n.put("width", s.width());
            n.put("classes", s.classes());
            n.put("encoder", m.encoderName());
            n.put("decoder", m.decoderName());
            n.put("weight", m.lossWeight());
            n.put("section", m.section().root().render(ConfigRenderOptions.concise()));
        }
        return d;
    }
}
