package org.nedsj.data.prepared;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.HandMadeSession;
import org.nedsj.data.ReferenceSession;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyWriter;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input fails naming the file and the problem, and leaves no session folder: the reference
 * session is prepared first (so a good earlier session stays), then broken and prepared again into
 * a fresh folder, and its broken copy beside a good one.
 */
class BadInputTest {

    @TempDir
    Path root;
    Path alf;
    HandMadeSession session;

    @BeforeEach
    void write() {
        alf = root.resolve("alf");
        session = ReferenceSession.write(alf);
    }

    private void assertFailsNaming(Path file, String problem) {
        Path data = root.resolve("data");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetPreparer(ConfigFactory.empty()).prepare(alf, data, s -> { }));
        assertTrue(e.getMessage().contains(file.toString()), "names " + file + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "says '" + problem + "': " + e.getMessage());
        assertFalse(Files.exists(data.resolve(ReferenceSession.ID)), "no session folder");
        assertEquals(List.of(), Files.exists(data) ? DatasetPreparerTest.list(data) : List.of(), "nothing half-written");
    }

    private Path alfFile(String name) {
        return session.alf().resolve(name);
    }

    @Test
    void missingFile() throws IOException {
        Files.delete(alfFile("_ibl_wheel.position.npy"));
        assertFailsNaming(alfFile("_ibl_wheel.position.npy"), "missing file");
    }

    @Test
    void mismatchedTrialLengths() {
        NpyWriter.writeDoubles(alfFile("_ibl_trials.choice.npy"), new double[]{1, -1, 1});
        assertFailsNaming(alfFile("_ibl_trials.choice.npy"), "mismatched lengths");
    }

    @Test
    void mismatchedSpikeLengths() {
        Path clusters = alfFile("probe00/spikes.clusters.npy");
        NpyWriter.writeInts(clusters, NpyDtype.U4, new int[]{0, 1});
        assertFailsNaming(clusters, "mismatched lengths");
    }

    @Test
    void nanTimestamps() {
        double[] t = ReferenceSession.wheelTimes();
        t[100] = Double.NaN;
        NpyWriter.writeDoubles(alfFile("_ibl_wheel.timestamps.npy"), t);
        assertFailsNaming(alfFile("_ibl_wheel.timestamps.npy"), "NaN");
    }

    @Test
    void nanSpikeTime() {
        Path times = alfFile("probe01/pykilosort/spikes.times.npy");
        NpyWriter.writeDoubles(times, new double[]{1, Double.NaN});
        NpyWriter.writeInts(alfFile("probe01/pykilosort/spikes.clusters.npy"), NpyDtype.U4, new int[]{0, 1});
        assertFailsNaming(times, "NaN time");
    }

    @Test
    void unsortedSpikeTimes() {
        Path times = alfFile("probe00/spikes.times.npy");
        NpyWriter.writeDoubles(times, new double[]{1, 3, 2});
        NpyWriter.writeInts(alfFile("probe00/spikes.clusters.npy"), NpyDtype.U4, new int[]{0, 1, 0});
        assertFailsNaming(times, "not sorted");
    }

    @Test
    void truncatedNpy() throws IOException {
        Path times = alfFile("probe00/spikes.times.npy");
        try (RandomAccessFile f = new RandomAccessFile(times.toFile(), "rw")) {
            f.setLength(f.length() - 12);
        }
        assertFailsNaming(times, "truncated");
    }

    @Test
    void clusterIdsBeyondTheClusterList() {
        NpyWriter.writeDoubles(alfFile("probe01/pykilosort/clusters.depths.npy"), new double[1]);
        assertFailsNaming(alfFile("probe01/pykilosort/spikes.clusters.npy"), "lists only 1 clusters");
    }

    @Test
    void fewerCameraTimestampsThanFrames() {
        NpyWriter.writeDoubles(alfFile("_ibl_rightCamera.times.npy"), new double[]{1, 2});
        assertFailsNaming(alfFile("_ibl_rightCamera.times.npy"), "fewer timestamps than frames");
    }

    @Test
    void aGoodSessionPreparedBeforeABadOneStaysComplete() throws IOException {
        HandMadeSession good = ReferenceSession.write(root.resolve("good"));
        Path goodSession = alf.resolve("aaalab/Subjects/M001/2024-02-03/001");
        Files.createDirectories(goodSession.getParent());
        Files.move(good.dir(), goodSession);
        Path times = alfFile("probe00/spikes.times.npy");
        NpyWriter.writeDoubles(times, new double[]{1, 3, 2});
        NpyWriter.writeInts(alfFile("probe00/spikes.clusters.npy"), NpyDtype.U4, new int[]{0, 1, 0});
        Path data = root.resolve("data");
        assertThrows(IllegalArgumentException.class, () -> new DatasetPreparer(ConfigFactory.empty()).prepare(alf, data, s -> { }));
        assertEquals(List.of(".neds-dataset", "aaalab_M001_2024-02-03_001"), DatasetPreparerTest.list(data),
                "the good session, complete, in a folder marked as a dataset; nothing of the bad one");
        assertEquals(9, DatasetPreparerTest.list(data.resolve("aaalab_M001_2024-02-03_001")).size());
    }
}
