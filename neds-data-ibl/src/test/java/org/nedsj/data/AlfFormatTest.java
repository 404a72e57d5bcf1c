package org.nedsj.data;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.prep.store.ManifestIo;
import org.nedsj.spi.RecordingFormat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ibl-alf source's recording format: what neds inspect and neds prepare --in reach. */
class AlfFormatTest {

    @TempDir
    Path root;

    private static RecordingFormat format() {
        return IblDataPluginTest.factories().get("ibl-alf").recordingFormat().orElseThrow();
    }

    @Test
    void recognisesACacheAndListsEachSessionsFiles() {
        Path alf = root.resolve("alf");
        ReferenceSession.write(alf);
        assertTrue(format().recognises(alf));
        assertFalse(format().recognises(root.resolve("missing")));
        String listing = format().inspect(alf);
        assertTrue(listing.startsWith(ReferenceSession.ID + "  "), listing);
        assertTrue(listing.contains("  alf/_ibl_wheel.position.npy\n"), listing);
        assertTrue(IblDataPluginTest.factories().get("prepared").recordingFormat().isEmpty(), "a prepared dataset is no recording");
    }

    @Test
    void preparesAsNedsPrepareAlfDoes() throws Exception {
        Path alf = root.resolve("alf");
        ReferenceSession.write(alf);
        String lines = format().prepare(ConfigFactory.empty(), alf, root.resolve("data"), s -> { });
        assertTrue(lines.startsWith(ReferenceSession.ID + ": 4 of 11 trials kept"), lines);
        assertEquals("ibl-alf", ManifestIo.read(root.resolve("data")).source());
        assertTrue(Files.isRegularFile(root.resolve("data").resolve(ReferenceSession.ID).resolve("wheel.npy")));
    }
}
