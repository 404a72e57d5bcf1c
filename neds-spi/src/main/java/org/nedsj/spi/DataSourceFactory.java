package org.nedsj.spi;

import com.typesafe.config.Config;

/** Creates a {@link DataSource} from the experiment's {@code data} section. */
public interface DataSourceFactory extends NamedFactory {

    /**
     * @param data the resolved {@code data} section of the experiment (e.g. {@code data.path})
     * @throws IllegalArgumentException naming the file or key when the data cannot be read
     */
    DataSource create(Config data);
}
