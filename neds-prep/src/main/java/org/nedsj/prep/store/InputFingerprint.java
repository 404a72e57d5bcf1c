package org.nedsj.prep.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over what a prepared session depends on: the layout version, the preprocessing config,
 * the session id and each input file's path (relative to the session), size and modification time.
 * Contents are not hashed (sessions hold gigabytes): touching a file counts as changing it.
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    /**
     * @param base   the session's folder (input paths are hashed relative to it)
     * @param config the preprocessing config as nested maps
     */
    public static String of(String id, Path base, List<Path> inputs, Map<String, Object> config) {
        MessageDigest sha = sha256();
        update(sha, Manifest.FORMAT);
        update(sha, ManifestIo.json(config));
        update(sha, id);
        for (Path p : inputs) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                update(sha, base.relativize(p.toAbsolutePath().normalize()) + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the attributes of " + p, e);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Digest of a whole dataset: the config and its sessions' fingerprints, in order. */
    public static String ofDataset(Map<String, Object> config, List<String> sessionFingerprints) {
        MessageDigest sha = sha256();
        update(sha, Manifest.FORMAT);
        update(sha, ManifestIo.json(config));
        sessionFingerprints.forEach(f -> update(sha, f));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
