package org.nedsj.data.alf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlfCollectionTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void prefersTheLatestRevision() throws IOException {
        touch("spikes.times.npy");
        touch("#2023-01-01#/spikes.times.npy");
        Path latest = touch("#2024-05-06#/spikes.times.npy");
        assertEquals(latest, new AlfCollection(dir, "c").find("spikes", "times", "npy").orElseThrow());
    }

    @Test
    void matchesUuidSuffixedNamesAndPrefersThePlainName() throws IOException {
        Path uuid = touch("spikes.clusters.0a1b2c3d-0000-4000-8000-000000000000.npy");
        AlfCollection c = new AlfCollection(dir, "c");
        assertEquals(uuid, c.find("spikes", "clusters", "npy").orElseThrow());
        Path plain = touch("spikes.clusters.npy");
        assertEquals(plain, c.find("spikes", "clusters", "npy").orElseThrow());
    }

    @Test
    void twoUuidCopiesAreAmbiguous() throws IOException {
        touch("spikes.times.aaaa.npy");
        touch("spikes.times.bbbb.npy");
        AlfDataException e = assertThrows(AlfDataException.class, () -> new AlfCollection(dir, "c").find("spikes", "times", "npy"));
        assertTrue(e.getMessage().contains("ambiguous") && e.getMessage().contains("spikes.times.aaaa.npy"), e.getMessage());
    }

    @Test
    void namespaceIsOptionalWhenMatching() throws IOException {
        Path f = touch("_ibl_wheel.position.npy");
        assertEquals(f, new AlfCollection(dir, "alf").find("wheel", "position", "npy").orElseThrow());
        AlfDataException e = assertThrows(AlfDataException.class,
                () -> new AlfCollection(dir, "alf").require("wheel", "timestamps", "npy", "ibl"));
        assertTrue(e.getMessage().contains(dir.resolve("_ibl_wheel.timestamps.npy").toString()), e.getMessage());
    }
}
