package org.nedsj.prep.npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the numpy-written fixtures of src/test/fixtures/make_fixtures.py. */
class NpyReaderTest {

    static Path fixture(String name) {
        try {
            return Path.of(NpyReaderTest.class.getResource("/fixtures/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    List<DynamicTest> readsEveryNumpyFixtureWithItsValues() throws IOException {
        JsonNode index = new ObjectMapper().readTree(fixture("index.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : index) {
            String file = entry.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                NpyArray a = NpyReader.read(fixture(file));
                long[] shape = new long[entry.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = entry.get("shape").get(i).asLong();
                }
                assertArrayEquals(shape, a.shape());
                assertEquals(entry.get("fortran").asBoolean(), a.header().fortranOrder());
                assertEquals(entry.get("descr").asText().substring(1), a.dtype().code());
                JsonNode values = entry.get("values");
                assertEquals(values.size(), a.size());
                for (int i = 0; i < values.size(); i++) {
                    JsonNode v = values.get(i);
                    if (a.dtype().isFloatingPoint()) {
                        assertEquals(v.asDouble(), a.getDouble(i), 0.0, file + "[" + i + "]");
                        assertEquals(Double.doubleToLongBits(v.asDouble()), Double.doubleToLongBits(a.getDouble(i)),
                                file + "[" + i + "] incl. sign of zero");
                    } else {
                        assertEquals(v.asLong(), a.getLong(i), file + "[" + i + "]");
                        assertEquals((double) v.asLong(), a.getDouble(i), file + "[" + i + "]");
                    }
                }
            }));
        }
        assertTrue(tests.size() >= 40, "fixtures cover every dtype, byte order and memory order");
        return tests;
    }

    @Test
    void widensUint32SoLargeIdsStayPositive() {
        NpyArray a = NpyReader.read(fixture("u4_clusters.npy"));
        assertArrayEquals(new long[]{0, 1, 2147483647L, 2147483648L, 4294967295L}, a.toLongArray());
    }

    @Test
    void readsFortranOrderInCOrderIndexing() {
        NpyArray f = NpyReader.read(fixture("f8_le_f_3d.npy"));
        NpyArray c = NpyReader.read(fixture("f8_be_c_3d.npy"));
        assertArrayEquals(c.toDoubleArray(), f.toDoubleArray());
        assertEquals(1.5 * 23 - 7, f.getDouble(23));
    }

    @Test
    void readsVersionsTwoAndThree() {
        assertEquals(2, NpyReader.readHeader(fixture("i8_v2.npy")).major());
        assertEquals(3, NpyReader.readHeader(fixture("f4_v3.npy")).major());
        assertArrayEquals(new long[]{-2, -1, 0, 1, 2}, NpyReader.read(fixture("i8_v2.npy")).toLongArray());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad_truncated.npy|truncated",
            "bad_extra_bytes.npy|header/size mismatch",
            "bad_complex.npy|unsupported dtype '<c16'",
            "bad_float16.npy|unsupported dtype '<f2'",
            "bad_unicode.npy|unsupported dtype '<U2'",
            "bad_object.npy|unsupported dtype '|O'",
            "bad_structured.npy|structured dtype",
            "bad_not_npy.npy|not an NPY file",
            "bad_header_cut.npy|truncated inside the header",
            "does_not_exist.npy|file not found"})
    void rejectsWithTheFileAndTheReason(String name, String reason) {
        Path file = fixture("index.json").resolveSibling(name);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void memoryMapsLargeFilesWithTheSameValues(@TempDir Path dir) {
        double[] values = new double[300_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25 - 7;
        }
        Path file = dir.resolve("large.npy");
        NpyWriter.writeDoubles(file, values);
        assertTrue(file.toFile().length() > NpyReader.MAP_THRESHOLD);
        assertArrayEquals(values, NpyReader.read(file).toDoubleArray());
        assertArrayEquals(values, NpyReader.map(file).toDoubleArray());
        assertArrayEquals(new double[]{2.5}, NpyReader.map(fixture("scalar_f8.npy")).toDoubleArray(), "small files map too");
    }

    @Test
    void floatsAreNotSilentlyTruncatedToIntegers() {
        NpyArray a = NpyReader.read(fixture("f8_le_c.npy"));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> a.getLong(0));
        assertTrue(e.getMessage().contains("not a whole number"));
        assertEquals(7, NpyReader.read(fixture("f8_le_c.npy")).getLong(4));
    }

    @Test
    void scalarAndEmptyArrays() {
        NpyArray scalar = NpyReader.read(fixture("scalar_f8.npy"));
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals(2.5, scalar.getDouble(0));
        NpyArray empty = NpyReader.read(fixture("empty_f8.npy"));
        assertEquals(0, empty.size());
        assertEquals(0, empty.toDoubleArray().length);
        assertTrue(Files.isRegularFile(fixture("empty_f8.npy")));
    }
}
