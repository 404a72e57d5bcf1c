package org.nedsj.prep.regions;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.align.SessionSummary;
import org.nedsj.prep.store.PreparedSessionData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** data.regions keeps only the neurons of the listed regions (spike columns, unit ids, regions stay aligned); data.region-map relabels. */
class RegionSelectionTest {

    /** 2 trials × 2 bins × 4 neurons; neuron n fires 10·n + bin + 100·trial spikes, so a column is recognisable. */
    static PreparedSessionData session(String id, String... regions) {
        int trials = 2;
        int bins = 2;
        int n = regions.length;
        byte[] spikes = new byte[trials * bins * n];
        for (int t = 0; t < trials; t++) {
            for (int b = 0; b < bins; b++) {
                for (int u = 0; u < n; u++) {
                    spikes[(t * bins + b) * n + u] = (byte) (10 * u + b + 100 * t);
                }
            }
        }
        long[] units = new long[n];
        for (int u = 0; u < n; u++) {
            units[u] = 7 + 2L * u;
        }
        SessionSummary summary = new SessionSummary(id, "/nowhere/" + id, "alf", List.of("alf/probe00"), trials, Map.of(), trials, n, 0, 0,
                n, 1, 0, 1, 0, 0, 0, Map.of());
        PreparedSession s = new PreparedSession(summary, bins, spikes, Map.of(), Map.of(), new long[]{0, 1}, units, new byte[]{0, 2},
                List.of(regions));
        return PreparedSessionData.inMemory(s);
    }

    @Test
    void keepsOnlyTheListedRegionsNeuronsWithTheirColumnsUnitsAndRegions() {
        var s = session("a", "CA1", "PO", "CA1", "VISp5");
        var kept = new RegionSelection(List.of("CA1", "VISp5"), RegionMap.IDENTITY).apply(List.of(s), line -> { });
        PreparedSessionData r = kept.get(0);
        assertEquals(3, r.info().neurons());
        assertArrayEquals(new long[]{7, 11, 13}, r.unitIds().orElseThrow());
        assertEquals(List.of("CA1", "CA1", "VISp5"), r.unitRegions().orElseThrow());
        float[] row = new float[2 * 5];
        r.copyTrial("spikes", 1, row, 0, 5);
        // trial 1, bin 0 then bin 1: neurons 0, 2, 3 of the stored session
        assertArrayEquals(new float[]{100, 120, 130, 0, 0, 101, 121, 131, 0, 0}, row);
        assertEquals(s.info().trainTrials(), r.info().trainTrials());
    }

    @Test
    void aSessionWithoutAnyListedRegionIsLeftOutAndSaidSo() {
        List<String> log = new ArrayList<>();
        var kept = new RegionSelection(List.of("PO"), RegionMap.IDENTITY).apply(List.of(session("a", "CA1", "PO"), session("b", "CA1")),
                log::add);
        assertEquals(List.of("a"), kept.stream().map(x -> x.info().id()).toList());
        assertTrue(log.get(0).contains("session b has no neuron in data.regions [PO]"), log.toString());
    }

    @Test
    void noSessionLeftIsAnErrorNamingTheRegionsThereAre() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RegionSelection(List.of("LP"), RegionMap.IDENTITY).apply(List.of(session("a", "CA1", "PO", "CA1")), x -> { }));
        assertTrue(e.getMessage().contains("data.regions [LP]") && e.getMessage().contains("{CA1=2, PO=1}"), e.getMessage());
    }

    @Test
    void emptyRegionsKeepEverySessionAsItIs() {
        var s = session("a", "CA1", "PO");
        assertSame(s, RegionSelection.ALL.apply(List.of(s), x -> { }).get(0));
    }

    @Test
    void aCsvMapRelabelsBeforeSelectingAndUnnamedRegionsKeepTheirName(@TempDir Path tmp) throws Exception {
        Path map = tmp.resolve("parcels.csv");
        Files.writeString(map, "# Allen acronym to parcel\nacronym,parcel\nVISp5,VISp\nVISp2/3,VISp\n");
        var selection = RegionSelection.from(ConfigFactory.parseMap(Map.of("regions", List.of("VISp"), "region-map", map.toString())));
        var r = selection.apply(List.of(session("a", "VISp5", "CA1", "VISp2/3")), x -> { }).get(0);
        assertEquals(List.of("VISp", "VISp"), r.unitRegions().orElseThrow());
        assertEquals("CA1", RegionMap.read(map).parcel("CA1"));
        assertEquals(2, RegionMap.read(map).size());
    }

    @Test
    void aHoconMapReadsQuotedAcronyms(@TempDir Path tmp) throws Exception {
        Path map = tmp.resolve("parcels.conf");
        Files.writeString(map, "\"VISp2/3\" = Isocortex\nCA1 = HPF\n\"DG-mo\" = HPF\n");
        RegionMap m = RegionMap.read(map);
        assertEquals("Isocortex", m.parcel("VISp2/3"));
        assertEquals("HPF", m.parcel("DG-mo"));
        assertEquals("unknown", m.parcel("unknown"));
    }

    @Test
    void aMalformedMapIsAnErrorNamingTheFileAndLine(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "CA1,HPF\nPO\n");
        var e = assertThrows(IllegalArgumentException.class, () -> RegionMap.read(csv));
        assertTrue(e.getMessage().contains("bad.csv line 2"), e.getMessage());
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "CA1 = [HPF]\n");
        e = assertThrows(IllegalArgumentException.class, () -> RegionMap.read(conf));
        assertTrue(e.getMessage().contains("bad.conf line 1") && e.getMessage().contains("CA1"), e.getMessage());
        Path twice = tmp.resolve("twice.csv");
        Files.writeString(twice, "CA1,HPF\nCA1,TH\n");
        e = assertThrows(IllegalArgumentException.class, () -> RegionMap.read(twice));
        assertTrue(e.getMessage().contains("mapped twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegionMap.read(tmp.resolve("map.txt")));
        assertTrue(e.getMessage().contains(".csv"), e.getMessage());
    }
}
