package org.nedsj.trainer.config;

import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an experiment's resolved configuration into its run directory as {@value #FILE_NAME}:
 * HOCON with each value's origin (file and line, {@code --set}, {@code -D}, or the reference.conf
 * it came from) and the reference's documentation as comments. The file appears whole or not at all:
 * it is written to a temporary file in the same folder and moved into place atomically.
 */
public final class ResolvedConfigWriter {

    public static final String FILE_NAME = "resolved.conf";

    private ResolvedConfigWriter() {
    }

    /**
     * @param notes extra header lines (e.g. the plugins in use); each becomes a comment
     * @return the written file
     * @throws UncheckedIOException naming the file; no partial or temporary file is left behind
     */
    public static Path write(Path runDir, ExperimentConfig experiment, List<String> notes) {
        Path target = runDir.resolve(FILE_NAME);
        String text = header(experiment, notes) + render(experiment);
        Path temporary = null;
        try {
            Files.createDirectories(runDir);
            temporary = Files.createTempFile(runDir, "." + FILE_NAME + "-", ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            throw new UncheckedIOException("cannot write the resolved configuration " + target + ": " + e, e);
        }
    }

    /** HOCON with origin and documentation comments; comments of top-level keys lose the renderer's stray indent. */
    static String render(ExperimentConfig experiment) {
        String[] lines = experiment.config().root().render(
                ConfigRenderOptions.defaults().setJson(false).setOriginComments(true).setComments(true).setFormatted(true)).split("\n", -1);
        for (int i = lines.length - 2; i >= 0; i--) {
            boolean beforeTopLevel = !lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("    #") && lines[i].startsWith("#");
            if (lines[i].startsWith("    #") && beforeTopLevel) {
                lines[i] = lines[i].substring(4);
            }
        }
        return String.join("\n", lines);
    }

    private static String header(ExperimentConfig experiment, List<String> notes) {
        ExperimentSources s = experiment.sources();
        List<String> lines = new ArrayList<>();
        lines.add("Resolved configuration of this run, written by NEDS-J. Load it again with --config.");
        lines.add("Experiment file: " + s.file().map(p -> p.toAbsolutePath().normalize().toString()).orElse("none"));
        lines.add("--set: " + (s.sets().isEmpty() ? "none" : String.join("  ", s.sets())));
        List<String> properties = s.systemProperties().stringPropertyNames().stream().sorted()
                .filter(n -> n.startsWith(ConfigOverrides.PROPERTY_PREFIX) && !ConfigOverrides.LAUNCHER_PROPERTIES.contains(n))
                .map(n -> "-D" + n + "=" + s.systemProperties().getProperty(n)).toList();
        lines.add("-D: " + (properties.isEmpty() ? "none" : String.join("  ", properties)));
        lines.addAll(notes);
        lines.add("The comment above each value says where it was set.");
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append("# ").append(l.replace("\n", "\n# ")).append('\n'));
        return out.append('\n').toString();
    }

    private static void deleteQuietly(Path temporary, IOException cause) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
