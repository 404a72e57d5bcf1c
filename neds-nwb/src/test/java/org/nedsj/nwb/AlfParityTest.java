package org.nedsj.nwb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.store.ManifestIo;
import org.nedsj.prep.store.PreparedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One recording written twice by h5py/numpy, as NWB and as ALF: preparing the NWB file through a
 * mapping of the IBL conventions gives the same prepared files, byte for byte, as the IBL reader
 * gives for the ALF session.
 */
class AlfParityTest {

    @TempDir
    Path tmp;

    @Test
    void nwbAndAlfPrepareToTheSameFiles() throws IOException {
        Path fromAlf = tmp.resolve("alf-data");
        Path fromNwb = tmp.resolve("nwb-data");
        new DatasetPreparer(com.typesafe.config.ConfigFactory.empty()).prepare(Fixtures.IBL_ALF, fromAlf, line -> { });
        new NwbFormat().prepare(Fixtures.data("ibl-conventions.conf"), Fixtures.IBL_NWB, fromNwb, line -> { });

        List<String> files = PreparedFiles.sessionFiles(List.of("wheel", "whisker", "choice", "block"));
        for (String f : files) {
            byte[] alf = Files.readAllBytes(fromAlf.resolve(Fixtures.IBL_ID).resolve(f));
            byte[] nwb = Files.readAllBytes(fromNwb.resolve(Fixtures.IBL_ID).resolve(f));
            assertArrayEquals(alf, nwb, f + " differs between the ALF and the NWB preparation");
        }
        var alfSession = ManifestIo.read(fromAlf).sessions().get(0);
        var nwbSession = ManifestIo.read(fromNwb).sessions().get(0);
        assertEquals(alfSession.trials(), nwbSession.trials());
        assertEquals(alfSession.neurons(), nwbSession.neurons());
        assertEquals(alfSession.summary().scaling(), nwbSession.summary().scaling());
    }

    @Test
    void theFixtureExercisesEveryRule() {
        PreparedSession s = new NwbSessionReader(NwbMapping.from(Fixtures.data("ibl-conventions.conf"))).prepare(Fixtures.IBL_NWB);
        var dropped = s.summary().dropped();
        assertEquals(2, dropped.get("missing-event"), "the no-go trial lacks its first movement, one lacks feedback");
        assertEquals(1, dropped.get("block-value"), "probability_left 0.3 is no block level");
        assertEquals(1, dropped.get("first_movement_time-after-stim_on_time"), "moved before the stimulus");
        assertEquals(1, dropped.get("whisker-coverage"), "the camera starts after the first window");
        assertTrue(s.summary().unitsBelowRate() >= 1, "the 1 Hz unit is below the rate limit");
        assertEquals(30 - 5, s.trials());
    }
}
