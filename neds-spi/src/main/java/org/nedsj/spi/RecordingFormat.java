package org.nedsj.spi;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Raw recordings a data source reads (an ALF/ONE cache, NWB files), so that {@code neds inspect}
 * and {@code neds prepare} reach them without naming the plugin. A {@link DataSourceFactory} offers
 * one through {@link DataSourceFactory#recordingFormat()}.
 */
public interface RecordingFormat {

    /** Whether {@code input} (a file or folder) holds recordings of this format; cheap, never throws. */
    boolean recognises(Path input);

    /**
     * What {@code input} holds, for a person writing the source's mapping: tables, columns, series,
     * their lengths and units.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    String inspect(Path input);

    /**
     * Writes the recordings under {@code input} as a prepared dataset into {@code out}.
     *
     * @param data the experiment's {@code data} section
     * @param log  receives one line per session as it is prepared
     * @return one line per prepared or skipped session
     * @throws IllegalArgumentException naming the file or key when the data or the settings are unusable
     */
    String prepare(Config data, Path input, Path out, Consumer<String> log);
}
