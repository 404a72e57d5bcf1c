package org.nedsj.nwb;

import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.NedsPlugin;

import java.util.List;

/** Neurodata Without Borders files as a data source: {@code nwb}. */
public final class NwbPlugin implements NedsPlugin {

    @Override
    public String name() {
        return "nwb";
    }

    @Override
    public List<DataSourceFactory> dataSources() {
        return List.of(new NwbSourceFactory());
    }
}
