package org.nedsj.trainer.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

/** Appends why a run stopped, with the full stack trace, to its {@code train.log} (the console shows one line). */
public final class FailureLog {

    private FailureLog() {
    }

    public static void append(Path log, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        try {
            Files.writeString(log, LocalDateTime.now().withNano(0) + " stopped: " + trace, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
