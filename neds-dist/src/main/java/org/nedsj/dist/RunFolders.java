package org.nedsj.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Default output folders: {@code <parent>/<kind>-<date>-<time>}, never an existing one. */
final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {
    }

    static Path fresh(String parent, String kind) {
        String base = kind + "-" + LocalDateTime.now().format(STAMP);
        Path candidate = Path.of(parent, base);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of(parent, base + "-" + i);
        }
        return candidate;
    }
}
