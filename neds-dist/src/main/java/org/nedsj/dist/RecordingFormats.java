package org.nedsj.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.RecordingFormat;
import org.nedsj.trainer.plugin.ExtensionPoint;
import org.nedsj.trainer.plugin.PluginCatalog;

/** Finds the data source whose recording format reads an input, asking every plugin (the commands name none). */
final class RecordingFormats {

    private RecordingFormats() {
    }

    /**
     * @param source a data source name, or null to take the one source that recognises {@code input}
     * @throws IllegalArgumentException naming the input when no source, or more than one, reads it
     */
    static Map.Entry<String, RecordingFormat> choose(PluginCatalog plugins, Path input, String source) {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException(input + " does not exist; give a recording file or folder");
        }
        List<String> readers = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String name : plugins.names(ExtensionPoint.DATA_SOURCE)) {
            DataSourceFactory f = plugins.factory(ExtensionPoint.DATA_SOURCE, "--source", name);
            if (f.recordingFormat().isEmpty()) {
                continue;
            }
            all.add(name);
            if (name.equals(source)) {
                return Map.entry(name, f.recordingFormat().get());
            }
            if (source == null && f.recordingFormat().get().recognises(input)) {
                readers.add(name);
            }
        }
        if (source != null) {
            throw new IllegalArgumentException("--source " + source + " names no data source that reads recordings; those that do: " + all);
        }
        if (readers.size() != 1) {
            throw new IllegalArgumentException(input + (readers.isEmpty() ? " is read by no data source (" + all
                    + " looked): give an NWB file, a folder of them, or an ALF/ONE cache root"
                    : " is read by several data sources " + readers + ": choose one with --source"));
        }
        String name = readers.get(0);
        return Map.entry(name, plugins.factory(ExtensionPoint.DATA_SOURCE, "--source", name).recordingFormat().get());
    }
}
