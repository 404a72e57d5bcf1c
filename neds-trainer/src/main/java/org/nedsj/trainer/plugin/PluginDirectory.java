package org.nedsj.trainer.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder plugin jars are loaded from, and what chose it (for messages).
 *
 * @param path     the folder
 * @param chosenBy e.g. {@code plugins.dir (experiment.conf: 4)} or {@code -Dneds.home}
 * @param required true when a user named it: a missing folder is then an error; the default folder
 *                 beside the distribution may be absent
 */
public record PluginDirectory(Path path, String chosenBy, boolean required) {

    public PluginDirectory {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(chosenBy, "chosenBy");
        path = path.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return path + " (from " + chosenBy + ")";
    }
}
