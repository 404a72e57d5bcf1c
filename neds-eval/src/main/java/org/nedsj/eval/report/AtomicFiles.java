package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a set of text files into a directory so that no reader ever sees one half-written: every
 * file goes to a temporary file in the same directory first, and only when all are written are they
 * moved over their targets (atomically where the file system allows). On failure the temporary
 * files are removed.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** @return the written files, in the order given */
    static List<Path> writeAll(Path dir, Map<String, String> files) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + files.keySet() + " into " + dir + ": it is a file, not a directory; "
                    + "choose another output directory");
        }
        Files.createDirectories(dir);
        var temporary = new LinkedHashMap<Path, Path>();
        try {
            for (var e : files.entrySet()) {
                Path target = dir.resolve(e.getKey());
                // not Files.createTempFile, whose owner-only permissions would stay on the report
                Path tmp = dir.resolve("." + e.getKey() + "." + UUID.randomUUID() + ".tmp");
                temporary.put(tmp, target);
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            var written = new ArrayList<Path>();
            for (var e : temporary.entrySet()) {
                move(e.getKey(), e.getValue());
                written.add(e.getValue());
            }
            return written;
        } finally {
            for (Path tmp : temporary.keySet()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
