package org.nedsj.data;

import com.typesafe.config.Config;
import org.nedsj.data.prepared.Manifest;
import org.nedsj.data.prepared.ManifestIo;
import org.nedsj.data.prepared.PreparedDataSource;
import org.nedsj.data.prepared.PreparedSessionData;
import org.nedsj.data.prepared.PreparedStore;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code prepared}: a dataset written by {@code neds prepare} ({@code data.path} = the DATA folder),
 * memory-mapped. Bins and block classes come from the manifest, the data being what it is.
 */
public final class PreparedSourceFactory implements DataSourceFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedSourceFactory.class);

    @Override
    public String name() {
        return "prepared";
    }

    @Override
    public String description() {
        return "a prepared dataset (neds prepare) read memory-mapped: spikes, wheel, whisker, choice, block";
    }

    @Override
    public DataSource create(Config data) {
        DataSettings settings = DataSettings.from(data);
        Path dir = settings.requirePath("a prepared dataset folder (written by neds prepare --alf ROOT --out DIR)");
        Manifest manifest = ManifestIo.read(dir);
        settings.requireKnown(manifest.sessions().stream().map(Manifest.Entry::id).toList(), dir.resolve("manifest.json"));
        warnIfConfigDiffers(data, manifest, dir);
        List<PreparedSessionData> sessions = manifest.sessions().stream()
                .filter(e -> settings.wants(e.id()))
                .map(e -> PreparedStore.open(dir, e, manifest.bins()))
                .toList();
        int blockClasses = blockClasses(manifest);
        return new PreparedDataSource(IblModalities.of(manifest.bins(), blockClasses), sessions, manifest.fingerprint());
    }

    private static int blockClasses(Manifest manifest) {
        Object trials = manifest.config().get("trials");
        if (trials instanceof Map<?, ?> m && m.get("block-levels") instanceof List<?> levels) {
            return levels.size();
        }
        return PreprocessingConfig.defaults().trials().blockLevels().size();
    }

    private static void warnIfConfigDiffers(Config data, Manifest manifest, Path dir) {
        Object current = PreprocessingConfig.from(data).toMap();
        if (!jsonEqual(current, manifest.config())) {
            LOG.warn("{} was prepared with other data.ibl settings than this experiment's; the prepared data is used as it is"
                    + " (prepare it again to apply the current settings)", dir);
        }
    }

    private static boolean jsonEqual(Object a, Object b) {
        return String.valueOf(normalise(a)).equals(String.valueOf(normalise(b)));
    }

    private static Object normalise(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(PreparedSourceFactory::normalise).toList();
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return o;
    }
}
