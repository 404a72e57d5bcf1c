package org.nedsj.dist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Damages the checkpoints of a copied run the way a bad disk, an editor or an attacker would. */
final class CheckpointFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {
    }

    /** Applies {@code edit} to the entries (name → bytes) of every checkpoint of {@code run}. */
    static void editAll(Path run, Consumer<Map<String, byte[]>> edit) {
        try (Stream<Path> zips = Files.list(run.resolve("checkpoints"))) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Map<String, byte[]> entries = read(zip);
                edit.accept(entries);
                write(zip, entries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entry holding the parameters: the flat buffer {@code parameters}, or in a checkpoint of the
     * earlier per-parameter format the first parameter's entry (e.g. {@code params/layer0/attn/qkv/w}).
     */
    static String firstParameter(Map<String, byte[]> entries) {
        if (entries.containsKey("parameters")) {
            return "parameters";
        }
        return entries.keySet().stream().filter(n -> n.startsWith("params/")).sorted().findFirst().orElseThrow();
    }

    static byte[] array(INDArray a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(a, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static INDArray read(byte[] array) {
        return Nd4j.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(array)));
    }

    /** Edits {@code model.json}. */
    static Consumer<Map<String, byte[]>> description(Consumer<ObjectNode> edit) {
        return entries -> {
            try {
                ObjectNode d = (ObjectNode) JSON.readTree(entries.get("model.json"));
                edit.accept(d);
                entries.put("model.json", JSON.writeValueAsBytes(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Puts {@code text} first inside the stored configuration section (a HOCON object) of the first modality. */
    static Consumer<Map<String, byte[]>> prefixFirstSection(String text) {
        return description(d -> {
            ObjectNode m = (ObjectNode) d.get("modalities").get(0);
            m.put("section", m.get("section").asText().replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{" + text + "\n")));
        });
    }

    private static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    private static void write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }
}
