package org.nedsj.data.prepared;

import org.nedsj.prep.store.PrepareResult;
import org.nedsj.prep.store.Manifest;
import org.nedsj.prep.store.ManifestIo;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.HandMadeSession;
import org.nedsj.data.ReferenceSession;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetPreparerTest {

    @TempDir
    Path root;
    Path alf;
    Path data;
    HandMadeSession session;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void write() {
        alf = root.resolve("alf");
        data = root.resolve("data");
        session = ReferenceSession.write(alf);
    }

    private PrepareResult prepare(String config) {
        return new DatasetPreparer(ConfigFactory.parseString(config)).prepare(alf, data, log::add);
    }

    @Test
    void writesEveryArrayWithItsTypeAndShape() {
        PrepareResult r = prepare("");
        Path dir = data.resolve(ReferenceSession.ID);
        assertEquals(List.of("block.npy", "choice.npy", "regions.npy", "spikes.npy", "split.npy", "trial_index.npy", "units.npy", "wheel.npy",
                "whisker.npy"), list(dir));
        check(dir.resolve("spikes.npy"), NpyDtype.U1, 4, 100, 2);
        check(dir.resolve("wheel.npy"), NpyDtype.F4, 4, 100);
        check(dir.resolve("whisker.npy"), NpyDtype.F4, 4, 100);
        check(dir.resolve("choice.npy"), NpyDtype.I1, 4);
        check(dir.resolve("block.npy"), NpyDtype.I1, 4);
        check(dir.resolve("split.npy"), NpyDtype.I1, 4);
        assertArrayEquals(new long[]{1, 6, 7, 9}, check(dir.resolve("trial_index.npy"), NpyDtype.I8, 4).toLongArray());
        assertArrayEquals(new long[]{0, 4}, check(dir.resolve("units.npy"), NpyDtype.I8, 2).toLongArray());
        assertArrayEquals(new long[]{0, 1, 0, 1}, NpyReader.read(dir.resolve("choice.npy")).toLongArray());

        assertFalse(r.session(ReferenceSession.ID).reused());
        assertEquals(4, r.session(ReferenceSession.ID).summary().trialsKept());
        assertTrue(log.get(0).contains("4 of 11 trials kept") && log.get(0).contains("whisker-coverage 1"), log.get(0));
    }

    @Test
    void manifestRecordsSessionsPathsCountsConfigAndFingerprints() {
        PrepareResult r = prepare("");
        Manifest m = ManifestIo.read(data);
        assertEquals(Manifest.FORMAT, m.format());
        assertEquals(r.fingerprint(), m.fingerprint());
        assertEquals(100, m.bins());
        Manifest.Entry e = m.session(ReferenceSession.ID).orElseThrow();
        assertEquals(session.dir().toString(), e.alfPath());
        assertEquals(4, e.trials());
        assertEquals(2, e.neurons());
        assertEquals(64, e.fingerprint().length());
        assertEquals(1, e.summary().dropped().get("no-go"));
        assertEquals("neds", ((java.util.Map<?, ?>) m.config().get("trials")).get("filter"));
        assertTrue(e.inputs().stream().anyMatch(p -> p.endsWith("spikes.times.npy")));
    }

    @Test
    void reusesAnUnchangedSessionAndRebuildsOnChange() throws IOException {
        prepare("");
        Path spikes = data.resolve(ReferenceSession.ID).resolve("spikes.npy");
        FileTime written = Files.getLastModifiedTime(spikes);
        String first = ManifestIo.read(data).fingerprint();

        PrepareResult again = prepare("");
        assertTrue(again.session(ReferenceSession.ID).reused());
        assertEquals(written, Files.getLastModifiedTime(spikes), "not rewritten");
        assertEquals(first, again.fingerprint());
        assertEquals(4, again.session(ReferenceSession.ID).summary().trialsKept(), "counts come back from the manifest");

        PrepareResult changedConfig = prepare("ibl.units.min-rate = 4.9");
        assertFalse(changedConfig.session(ReferenceSession.ID).reused());
        assertEquals(3, ManifestIo.read(data).session(ReferenceSession.ID).orElseThrow().neurons());
        assertNotEquals(first, changedConfig.fingerprint());

        Path wheel = session.alf().resolve("_ibl_wheel.position.npy");
        Files.setLastModifiedTime(wheel, FileTime.fromMillis(Files.getLastModifiedTime(wheel).toMillis() + 5000));
        assertFalse(prepare("ibl.units.min-rate = 4.9").session(ReferenceSession.ID).reused(), "a touched input rebuilds");
        assertTrue(prepare("ibl.units.min-rate = 4.9").session(ReferenceSession.ID).reused());

        Files.delete(data.resolve(ReferenceSession.ID).resolve("split.npy"));
        assertFalse(prepare("ibl.units.min-rate = 4.9").session(ReferenceSession.ID).reused(), "an incomplete folder rebuilds");
        assertEquals(List.of("manifest.json", ReferenceSession.ID), list(data), "no temporary folders are left");
    }

    @Test
    void skipsSessionsWithoutSpikeSortingAndSaysWhy() throws IOException {
        Files.createDirectories(alf.resolve("testlab/Subjects/M002/2024-02-04/001/alf"));
        PrepareResult r = prepare("");
        assertEquals(1, r.sessions().size());
        assertEquals(1, r.skipped().size());
        assertTrue(r.skipped().get(0).reason().contains("no spike sorting"), r.skipped().get(0).reason());
        assertEquals(1, ManifestIo.read(data).skipped().size());
        assertTrue(r.describe().contains("skipped"));
    }

    @Test
    void preparesOnlyTheChosenSessions() {
        ReferenceSession.write(root.resolve("alf2"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> prepare("sessions = [nolab_X_2020-01-01_001]"));
        assertTrue(e.getMessage().contains("nolab_X_2020-01-01_001") && e.getMessage().contains(ReferenceSession.ID), e.getMessage());
        assertEquals(1, prepare("sessions = [" + ReferenceSession.ID + "]").sessions().size());
    }

    static NpyArray check(Path file, NpyDtype dtype, long... shape) {
        NpyArray a = NpyReader.read(file);
        assertEquals(dtype, a.dtype(), file.toString());
        assertArrayEquals(shape, a.shape(), file.toString());
        return a;
    }

    static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
