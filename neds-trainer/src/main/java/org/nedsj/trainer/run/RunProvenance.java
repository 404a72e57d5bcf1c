package org.nedsj.trainer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what a run needs to be reproduced and compared: seed, a hash of the resolved
 * configuration, the data's fingerprint, and the versions of NEDS-J, Java and the ND4J backend.
 */
public final class RunProvenance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunProvenance() {
    }

    public static Map<String, String> describe(Path resolvedConfig, long seed, String dataFingerprint, String scheme)
            throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("seed", Long.toString(seed));
        p.put("config_sha256", sha256(Files.readString(resolvedConfig, StandardCharsets.UTF_8)));
        p.put("data_fingerprint", dataFingerprint);
        p.put("training_scheme", scheme);
        p.put("neds_version", version());
        p.put("java", System.getProperty("java.version"));
        p.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        p.put("started", Instant.now().toString());
        return p;
    }

    public static void write(Path file, Map<String, String> provenance) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        provenance.forEach(node::put);
        RunDirectory.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    }

    /** Every entry as text; structured ones (the {@code resumed} list) as compact JSON. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        JSON.readTree(file.toFile()).fields().forEachRemaining(e -> p.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return p;
    }

    /**
     * Records a resume: appends {@code {at, overrides, config_sha256}} to the {@code resumed} list and
     * updates {@code config_sha256} to the configuration the run continues with.
     */
    public static void recordResume(Path file, Path resolvedConfig, List<String> overrides) throws IOException {
        ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        String hash = sha256(Files.readString(resolvedConfig, StandardCharsets.UTF_8));
        ArrayNode resumed = root.has("resumed") ? (ArrayNode) root.get("resumed") : root.putArray("resumed");
        ObjectNode entry = resumed.addObject();
        entry.put("at", Instant.now().toString());
        overrides.forEach(entry.putArray("overrides")::add);
        entry.put("config_sha256", hash);
        root.put("config_sha256", hash);
        RunDirectory.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    static String version() {
        String v = RunProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
