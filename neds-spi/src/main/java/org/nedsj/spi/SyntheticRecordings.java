package org.nedsj.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * Raw recordings a plugin adds to synthetic ALF sessions ({@code neds synth --with NAME}), so that what it reads can
 * be run without real recordings; e.g. an LFP stream per probe. A {@link DataSourceFactory} offers them through
 * {@link DataSourceFactory#syntheticRecordings()}; {@code neds synth} writes the sessions first, then calls
 * {@link #write} on its output folder.
 */
public interface SyntheticRecordings {

    /** The name {@code neds synth --with} takes, lower-case with dashes, e.g. {@code lfp}. */
    String name();

    /** One line for {@code neds synth --help} and error messages. */
    String description();

    /**
     * Writes the recordings into every session under {@code alfRoot}.
     *
     * @param seed the seed the sessions were written with
     * @return one line per file written
     * @throws IllegalArgumentException naming the folder when a session lacks what the recordings are made from
     */
    List<String> write(Path alfRoot, long seed);
}
