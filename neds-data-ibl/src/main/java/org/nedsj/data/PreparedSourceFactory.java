package org.nedsj.data;

import com.typesafe.config.Config;
import org.nedsj.prep.store.Manifest;
import org.nedsj.prep.store.ManifestIo;
import org.nedsj.prep.store.PreparedDataSource;
import org.nedsj.prep.regions.RegionSelection;
import org.nedsj.prep.store.PreparedSessionData;
import org.nedsj.prep.store.PreparedStore;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.DataSourceFactory;
import org.nedsj.spi.ModalitySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
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
        return "a prepared dataset (neds prepare) read memory-mapped: spikes and the behaviours its manifest lists";
    }

    @Override
    public DataSource create(Config data) {
        DataSettings settings = DataSettings.from(data);
        Path dir = settings.requirePath("a prepared dataset folder (written by neds prepare --alf ROOT --out DIR)");
        Manifest manifest = ManifestIo.read(dir);
        settings.requireKnown(manifest.sessions().stream().map(Manifest.Entry::id).toList(), dir.resolve("manifest.json"));
        warnIfConfigDiffers(data, manifest, dir);
        List<PreparedSessionData> sessions = RegionSelection.from(data.withFallback(PreprocessingConfig.referenceData())).apply(
                manifest.sessions().stream()
                        .filter(e -> settings.wants(e.id()))
                        .map(e -> PreparedStore.open(dir, e, manifest.bins(), behaviours(manifest)))
                        .toList(), LOG::warn);
        List<ModalitySpec> modalities = new ArrayList<>();
        modalities.add(ModalitySpec.neuralCounts(IblModalities.SPIKES, manifest.bins()));
        behaviours(manifest).forEach(b -> modalities.add(b.spec(manifest.bins())));
        return new PreparedDataSource(modalities, sessions, manifest.fingerprint());
    }

    /** The manifest's behaviours; a dataset older than that record holds IBL's, block classes from its config. */
    private static List<Manifest.Behaviour> behaviours(Manifest manifest) {
        if (manifest.modalities() != null) {
            return manifest.modalities();
        }
        return IblModalities.of(manifest.bins(), blockClasses(manifest)).stream().filter(m -> !m.isNeural())
                .map(Manifest.Behaviour::of).toList();
    }

    private static int blockClasses(Manifest manifest) {
        Object trials = manifest.config().get("trials");
        if (trials instanceof Map<?, ?> m && m.get("block-levels") instanceof List<?> levels) {
            return levels.size();
        }
        return PreprocessingConfig.defaults().trials().blockLevels().size();
    }

    private static void warnIfConfigDiffers(Config data, Manifest manifest, Path dir) {
        if (manifest.source() != null && !manifest.source().equals(AlfSourceFactory.NAME)) {
            return;
        }
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
