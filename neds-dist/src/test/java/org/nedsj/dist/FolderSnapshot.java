package org.nedsj.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file and folder under some roots with a digest of its content: to assert that a failed command changed nothing. */
final class FolderSnapshot {

    private final Path[] roots;
    private final Map<String, String> entries;

    private FolderSnapshot(Path[] roots) {
        this.roots = roots;
        this.entries = read(roots);
    }

    static FolderSnapshot of(Path... roots) {
        return new FolderSnapshot(roots);
    }

    /** Nothing added, removed or changed since the snapshot. */
    void assertUnchanged() {
        assertEquals(entries, read(roots), "a failed command must not create, change or delete anything");
    }

    private static Map<String, String> read(Path[] roots) {
        Map<String, String> entries = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.toList()) {
                    entries.put(p.toString(), Files.isDirectory(p) ? "folder" : digest(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
