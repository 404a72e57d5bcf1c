package org.nedsj.nwb;

import org.junit.jupiter.api.Test;
import org.nedsj.prep.align.SortedSpikes;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ragged spike_times column (gzip-compressed chunks of 512) read one unit at a time, against the ALF copy. */
class UnitsTableTest {

    private static final Path PROBE = Fixtures.IBL_ALF.resolve("fixturelab/Subjects/NWB001/2024-03-01/001/alf/probe00");

    @Test
    void eachUnitsSliceHoldsExactlyItsSpikes() {
        NpyArray times = NpyReader.read(PROBE.resolve("spikes.times.npy"));
        NpyArray clusters = NpyReader.read(PROBE.resolve("spikes.clusters.npy"));
        try (NwbFile file = NwbFile.open(Fixtures.IBL_NWB)) {
            UnitsTable units = new UnitsTable(file, "units");
            assertEquals(6, units.size());
            assertEquals(times.size(), units.spikeCount());
            int unit = 0;
            for (SortedSpikes train : units.trains()) {
                List<Double> expected = new ArrayList<>();
                for (long i = 0; i < times.size(); i++) {
                    if (clusters.getLong(i) == unit) {
                        expected.add(times.getDouble(i));
                    }
                }
                double[] actual = new double[(int) train.size()];
                for (int i = 0; i < actual.length; i++) {
                    actual[i] = train.time(i);
                    assertEquals(unit, train.unit(i));
                }
                assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(), actual, "unit " + unit);
                unit++;
            }
            assertEquals(6, unit);
        }
    }

    @Test
    void locationsComeFromEachUnitsFirstElectrode() {
        try (NwbFile file = NwbFile.open(Fixtures.RUNNING)) {
            String[] where = new UnitsTable(file, "units").locations("general/extracellular_ephys/electrodes").orElseThrow();
            assertArrayEquals(new String[]{"VISp", "VISp", "VISp", "VISl", "VISl", "CA1", "VISp", "VISp", "CA1", "VISl"}, where);
        }
    }
}
