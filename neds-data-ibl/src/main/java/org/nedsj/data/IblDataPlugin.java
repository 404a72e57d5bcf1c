package org.nedsj.data;

import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.NedsPlugin;

import java.util.List;

/** The IBL data sources: {@code prepared} (memory-mapped prepared datasets) and {@code ibl-alf} (ALF caches in memory). */
public final class IblDataPlugin implements NedsPlugin {

    @Override
    public String name() {
        return "ibl";
    }

    @Override
    public List<DataSourceFactory> dataSources() {
        return List.of(new PreparedSourceFactory(), new AlfSourceFactory());
    }
}
