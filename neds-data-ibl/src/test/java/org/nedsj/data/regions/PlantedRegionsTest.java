package org.nedsj.data.regions;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.HandMadeSession;
import org.nedsj.data.ReferenceSession;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.data.synth.PlantedRegion;
import org.nedsj.data.synth.SessionSpec;
import org.nedsj.data.synth.SyntheticIbl;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyStrings;
import org.nedsj.prep.store.Manifest;
import org.nedsj.prep.store.ManifestIo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-probe synthetic session with planted regions, prepared: probe 0's regions come from its cluster
 * acronyms, probe 1's through its channels' Allen ids; the region column is aligned with the kept units.
 */
class PlantedRegionsTest {

    static final SyntheticIbl.Options PLANTED = new SyntheticIbl.Options(1, 60, 5, 90, 90, true);

    @TempDir
    static Path root;
    static Path data;
    static SessionSpec spec;

    @BeforeAll
    static void prepare() {
        SyntheticIbl.write(root.resolve("alf"), PLANTED);
        spec = SyntheticIbl.plan(PLANTED).get(0);
        data = root.resolve("data");
        new DatasetPreparer(ConfigFactory.empty()).prepare(root.resolve("alf"), data, line -> { });
    }

    @Test
    void eachKeptUnitHasItsPlantedRegionAcrossBothProbes() {
        assertEquals(2, spec.probes());
        Path dir = data.resolve(spec.id());
        long[] units = NpyReader.read(dir.resolve("units.npy")).toLongArray();
        String[] regions = NpyStrings.read(dir.resolve("regions.npy"));
        assertEquals(units.length, regions.length);
        int perProbe = (spec.neurons() + 1) / 2;
        int probe1Offset = perProbe + 5;   // probe 0's clusters, with its 5 spike-less ones
        boolean fromSecondProbe = false;
        for (int k = 0; k < units.length; k++) {
            int unit = (int) units[k];
            int neuron = unit < probe1Offset ? unit : perProbe + (unit - probe1Offset);
            fromSecondProbe |= unit >= probe1Offset;
            assertEquals(PlantedRegion.values()[neuron % 3].acronym(), regions[k], "unit " + unit);
        }
        assertTrue(fromSecondProbe, "some kept units come from the probe read through Allen ids");
    }

    @Test
    void theManifestCountsTheKeptNeuronsOfEachRegion() {
        Manifest.Entry e = ManifestIo.read(data).session(spec.id()).orElseThrow();
        Map<String, Integer> counted = new TreeMap<>();
        Arrays.stream(NpyStrings.read(data.resolve(spec.id()).resolve("regions.npy"))).forEach(r -> counted.merge(r, 1, Integer::sum));
        assertEquals(counted, e.regions());
        assertEquals(List.of("ACAd", "CA1", "MOp"), new ArrayList<>(e.regions().keySet()));
        assertEquals(e.neurons(), e.regions().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aSessionWithoutLocationFilesPreparesWithEveryRegionUnknown(@TempDir Path tmp) {
        HandMadeSession session = ReferenceSession.write(tmp.resolve("alf"));
        new DatasetPreparer(ConfigFactory.empty()).prepare(tmp.resolve("alf"), tmp.resolve("data"), line -> { });
        String[] regions = NpyStrings.read(tmp.resolve("data").resolve(ReferenceSession.ID).resolve("regions.npy"));
        assertEquals(List.of("unknown", "unknown"), List.of(regions));
        assertEquals(Map.of("unknown", 2), ManifestIo.read(tmp.resolve("data")).session(ReferenceSession.ID).orElseThrow().regions());
        assertTrue(Files.isDirectory(session.dir()));
    }
}
