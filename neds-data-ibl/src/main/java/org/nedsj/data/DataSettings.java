package org.nedsj.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of the {@code data} section besides {@code data.ibl}: {@code path} and {@code sessions}.
 *
 * @param path     {@code data.path}, or null when empty
 * @param sessions {@code data.sessions}; empty means every session
 */
public record DataSettings(Path path, List<String> sessions) {

    public DataSettings {
        sessions = List.copyOf(sessions);
    }

    public static DataSettings from(Config data) {
        Config c = data.withFallback(PreprocessingConfig.referenceData());
        try {
            String path = c.getString("path");
            return new DataSettings(path.isBlank() ? null : Path.of(path), c.getStringList("sessions"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("data: " + e.getMessage(), e);
        }
    }

    /** {@code data.path}, or an error telling to set it. */
    public Path requirePath(String what) {
        if (path == null) {
            throw new IllegalArgumentException("data.path is empty: set data.path to " + what
                    + " (e.g. --set data.path=DIR)");
        }
        return path;
    }

    /** Whether {@code id} is among the chosen sessions. */
    public boolean wants(String id) {
        return sessions.isEmpty() || sessions.contains(id);
    }

    /** Whether {@code id} was named explicitly in {@code data.sessions}. */
    public boolean named(String id) {
        return sessions.contains(id);
    }

    /** Fails naming the ids of {@code data.sessions} that are not among {@code available}. */
    public void requireKnown(Collection<String> available, Object where) {
        Set<String> unknown = new LinkedHashSet<>(sessions);
        unknown.removeAll(available);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("data.sessions names " + unknown + ", not found in " + where + "; it has " + available);
        }
    }
}
