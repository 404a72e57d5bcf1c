package org.nedsj.data.alf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.prep.npy.NpyFormatException;
import org.nedsj.prep.npy.NpyWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster regions read from files numpy wrote ({@code neds-prep/src/test/resources/regions/write_fixtures.py}):
 * acronyms as unicode and as pickled object arrays, and the cluster → channel → Allen id route.
 */
class UnitLocationsTest {

    /** The numpy-written fixtures, shared with neds-prep's string-array tests. */
    static Path fixture(String name) {
        Path p = Path.of("../neds-prep/src/test/resources/regions").resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("fixture " + p.toAbsolutePath() + " is missing; run the tests from the neds-data-ibl module");
        }
        return p;
    }

    @Test
    void readsUnicodeAcronyms() {
        var files = new LocationFiles(fixture("acronyms_unicode.npy"), null, null, null);
        assertArrayEquals(new String[]{"CA1", "PO", "VISp5", "root", "DG-mo", "CA1"}, UnitLocations.read(files, 6));
    }

    @Test
    void readsPickledObjectAcronymsWithNoneAsUnknown() {
        var files = new LocationFiles(fixture("acronyms_object.npy"), null, null, null);
        assertArrayEquals(new String[]{"CA1", "PO", "VISp5", "root", "DG-mo", null}, UnitLocations.read(files, 6));
    }

    @Test
    void refusesAnObjectArrayWhosePickleCallsAnythingElse() {
        var files = new LocationFiles(fixture("acronyms_unsafe.npy"), null, null, null);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> UnitLocations.read(files, 2));
        assertTrue(e.getMessage().contains("acronyms_unsafe.npy") && e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void followsClusterChannelsToAllenIdsWhenAcronymsAreAbsent() {
        // clusters on channels 1, 0, 2, 5, 1; channels hold ids 382 (CA1), 1020 (PO), 778 (VISp5), 997 (root), 0 (void), 123456789
        var files = new LocationFiles(null, fixture("cluster_channels.npy"), fixture("channel_ids.npy"), null);
        assertArrayEquals(new String[]{"PO", "CA1", "VISp5", null, "PO"}, UnitLocations.read(files, 5));
        assertTrue(files.usesAllenIds());
        assertEquals(List.of(fixture("cluster_channels.npy"), fixture("channel_ids.npy")), files.inputs());
    }

    @Test
    void prefersAcronymsOverTheAllenIdRoute() {
        var files = new LocationFiles(fixture("acronyms_unicode.npy"), fixture("cluster_channels.npy"), fixture("channel_ids.npy"), null);
        assertEquals("CA1", UnitLocations.read(files, 6)[0]);
        assertEquals(List.of(fixture("acronyms_unicode.npy")), files.inputs());
    }

    @Test
    void aUserTableNamesIdsTheBuiltInOneLacks(@TempDir Path tmp) throws Exception {
        Path table = tmp.resolve("structures.csv");
        Files.writeString(table, "id,name,acronym\n123456789,\"Made-up area, deep part\",MUAd\n1020,Posterior complex,PO\n");
        var files = new LocationFiles(null, fixture("cluster_channels.npy"), fixture("channel_ids.npy"), table);
        assertArrayEquals(new String[]{"PO", null, null, "MUAd", "PO"}, UnitLocations.read(files, 5));
        assertTrue(files.inputs().contains(table), "the table is an input of the sessions that use it");
    }

    @Test
    void aLocationFileOfAnotherSortingIsAnErrorNamingIt() {
        var files = new LocationFiles(fixture("acronyms_unicode.npy"), null, null, null);
        AlfDataException e = assertThrows(AlfDataException.class, () -> UnitLocations.read(files, 7));
        assertTrue(e.getMessage().contains("acronyms_unicode.npy") && e.getMessage().contains("names 6 clusters"), e.getMessage());
    }

    @Test
    void aChannelBeyondTheChannelListIsAnErrorNamingBothFiles(@TempDir Path tmp) {
        Path channels = tmp.resolve("clusters.channels.npy");
        NpyWriter.writeLongs(channels, new long[]{0, 6});
        var files = new LocationFiles(null, channels, fixture("channel_ids.npy"), null);
        AlfDataException e = assertThrows(AlfDataException.class, () -> UnitLocations.read(files, 2));
        assertTrue(e.getMessage().contains("channel 6") && e.getMessage().contains("channel_ids.npy"), e.getMessage());
    }

    @Test
    void withoutLocationFilesEveryRegionIsUnknown() {
        assertArrayEquals(new String[3], UnitLocations.read(LocationFiles.NONE, 3));
    }
}
