package org.nedsj.trainer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        JSON.readTree(file.toFile()).fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        return p;
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
