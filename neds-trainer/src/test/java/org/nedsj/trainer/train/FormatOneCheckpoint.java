package org.nedsj.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a checkpoint into the layout NEDS-J wrote before the parameter store (model format 1):
 * one {@code params/<name>} entry per parameter, the optimiser's moments as {@code extra/m/<name>}
 * and {@code extra/v/<name>}, no layout in {@code model.json}.
 */
final class FormatOneCheckpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormatOneCheckpoint() {
    }

    static void rewrite(Path flat, Path target) throws IOException {
        Map<String, byte[]> in = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(flat))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                in.put(e.getName(), zip.readAllBytes());
            }
        }
        ObjectNode description = (ObjectNode) JSON.readTree(in.remove("model.json"));
        JsonNode layout = description.remove("layout");
        description.put("format", 1);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("model.json", JSON.writeValueAsBytes(description));
        perParameter(layout, read(in.remove("parameters")), "params/", out);
        for (String moment : new String[]{"m", "v"}) {
            byte[] stored = in.remove("extra/" + moment);
            if (stored != null) {
                perParameter(layout, read(stored), "extra/" + moment + "/", out);
            }
        }
        out.putAll(in);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (var e : out.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static void perParameter(JsonNode layout, INDArray flat, String prefix, Map<String, byte[]> out) throws IOException {
        for (JsonNode p : layout) {
            long[] shape = new long[p.get("shape").size()];
            long length = 1;
            for (int k = 0; k < shape.length; k++) {
                shape[k] = p.get("shape").get(k).asLong();
                length *= shape[k];
            }
            long offset = p.get("offset").asLong();
            INDArray value = flat.get(NDArrayIndex.interval(offset, offset + length)).dup().reshape('c', shape);
            out.put(prefix + p.get("name").asText(), write(value));
        }
    }

    private static INDArray read(byte[] bytes) {
        return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static byte[] write(INDArray a) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(a, out);
        }
        return bytes.toByteArray();
    }
}
