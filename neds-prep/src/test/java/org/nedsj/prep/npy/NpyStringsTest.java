package org.nedsj.prep.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** String arrays written by numpy (src/test/resources/regions/write_fixtures.py) and by {@link NpyStrings#write}. */
class NpyStringsTest {

    private static final String[] ACRONYMS = {"CA1", "PO", "VISp5", "root", "DG-mo", "CA1"};

    static Path fixture(String name) {
        try {
            return Path.of(NpyStringsTest.class.getResource("/regions/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsNumpyUnicodeArrays() {
        assertArrayEquals(ACRONYMS, NpyStrings.read(fixture("acronyms_unicode.npy")));
    }

    @Test
    void readsNumpyByteStringArrays() {
        assertArrayEquals(ACRONYMS, NpyStrings.read(fixture("acronyms_bytes.npy")));
    }

    @Test
    void readsPickledObjectArraysOfStringsWithNoneAsMissing() {
        assertArrayEquals(new String[]{"CA1", "PO", "VISp5", "root", "DG-mo", null}, NpyStrings.read(fixture("acronyms_object.npy")));
    }

    @Test
    void refusesAPickleNamingAnythingButNumpysReconstructionWithoutRunningIt(@TempDir Path tmp) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyStrings.read(fixture("acronyms_unsafe.npy")));
        assertTrue(e.getMessage().contains("posix.system"), e.getMessage());
        assertTrue(e.getMessage().contains("np.asarray(values, dtype=str)"), e.getMessage());
    }

    @Test
    void refusesNumericArraysNamingTheFix() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyStrings.read(fixture("channel_ids.npy")));
        assertTrue(e.getMessage().contains("not a string type"), e.getMessage());
    }

    @Test
    void writesUnicodeThatReadsBackAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("regions.npy");
        String[] values = {"CA1", "unknown", "SSp-bfd2/3", "Ω"};
        NpyStrings.write(file, values);
        assertArrayEquals(values, NpyStrings.read(file));
        assertEquals(0, (Files.size(file) - 4 * 4 * "SSp-bfd2/3".length()) % 64, "the data starts on a 64-byte boundary");
        try (var s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
