package org.nedsj.trainer.plugin;

import com.typesafe.config.Config;
import java.util.List;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.ModalityEncoder;
import org.nedsj.spi.ModalityEncoderFactory;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.NedsPlugin;

/** In-memory plugins for wiring tests: factories that only have names (their products are never made). */
final class TestFactories {

    private TestFactories() {
    }

    static DataSourceFactory dataSource(String name) {
        return new DataSourceFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "data source " + name;
            }

            @Override
            public DataSource create(Config data) {
                throw new UnsupportedOperationException("not made in wiring tests");
            }
        };
    }

    static ModalityEncoderFactory encoder(String name, ModalitySpec.Kind kind) {
        return new ModalityEncoderFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "embeds " + kind;
            }

            @Override
            public boolean supports(ModalitySpec modality) {
                return modality.kind() == kind;
            }

            @Override
            public ModalityEncoder create(ModalitySpec modality, Config config) {
                throw new UnsupportedOperationException("not made in wiring tests");
            }
        };
    }

    static DiscoveredPlugin plugin(String name, String origin, List<DataSourceFactory> sources, List<ModalityEncoderFactory> encoders) {
        NedsPlugin plugin = new NedsPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<DataSourceFactory> dataSources() {
                return sources;
            }

            @Override
            public List<ModalityEncoderFactory> modalityEncoders() {
                return encoders;
            }
        };
        return new DiscoveredPlugin(plugin, new PluginOrigin(PluginOrigin.Source.PLUGIN_DIRECTORY, origin));
    }
}
