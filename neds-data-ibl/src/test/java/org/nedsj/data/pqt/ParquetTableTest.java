package org.nedsj.data.pqt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetTableTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsNumericColumnsWithNan() {
        Path f = dir.resolve("_ibl_trials.table.pqt");
        new ParquetTable.Writer().doubles("intervals_0", new double[]{0.5, 4.25, 9})
                .doubles("stimOn_times", new double[]{1, Double.NaN, 10})
                .longs("cluster_id", new long[]{3, 4, 5}).write(f);
        ParquetTable t = ParquetTable.read(f);
        assertEquals(3, t.rows());
        assertEquals(List.of("intervals_0", "stimOn_times", "cluster_id"), t.columnNames());
        assertArrayEquals(new double[]{1, Double.NaN, 10}, t.column("stimOn_times"));
        assertArrayEquals(new double[]{3, 4, 5}, t.column("cluster_id"));
    }

    @Test
    void namesTheFileAndColumnsWhenAColumnIsMissing() {
        Path f = dir.resolve("t.pqt");
        new ParquetTable.Writer().doubles("a", new double[]{1}).write(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParquetTable.read(f).column("label"));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("label") && e.getMessage().contains("[a]"),
                e.getMessage());
    }

    @Test
    void rejectsFilesThatAreNotParquet() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.pqt"), "not parquet");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParquetTable.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParquetTable.read(dir.resolve("none.pqt")));
    }
}
