package org.nedsj.spi;

import com.typesafe.config.Config;

import java.util.Optional;

/** Creates a {@link DataSource} from the experiment's {@code data} section. */
public interface DataSourceFactory extends NamedFactory {

    /**
     * @param data the resolved {@code data} section of the experiment (e.g. {@code data.path})
     * @throws IllegalArgumentException naming the file or key when the data cannot be read
     */
    DataSource create(Config data);

    /** The raw recordings this source reads, when it can inspect and prepare them; empty by default. */
    default Optional<RecordingFormat> recordingFormat() {
        return Optional.empty();
    }

    /** Recordings this source reads that it can also synthesise for {@code neds synth --with NAME}; empty by default. */
    default Optional<SyntheticRecordings> syntheticRecordings() {
        return Optional.empty();
    }
}
