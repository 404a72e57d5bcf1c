package org.nedsj.nwb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each defect gets one message naming the file, the object and the fix, and the dataset folder stays unwritten. */
class BadNwbInputTest {

    @TempDir
    Path tmp;

    private String prepareFails(Path file, Config data) {
        Path out = tmp.resolve("DATA");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NwbFormat().prepare(data, file, out, line -> { }));
        assertFalse(Files.exists(out), "nothing written for " + file.getFileName());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static Path bad(String name) {
        return Fixtures.ROOT.resolve("bad/" + name + ".nwb");
    }

    @Test
    void aColumnShorterThanTheTable() {
        String m = prepareFails(bad("short_column"), Fixtures.data("broken-files.conf"));
        assertTrue(m.contains("category has 5 rows but start_time has 6"), m);
    }

    @Test
    void timestampsThatDoNotMatchTheData() {
        String m = prepareFails(bad("mismatched_timestamps"), Fixtures.data("broken-files.conf"));
        assertTrue(m.startsWith(bad("mismatched_timestamps").toString()), m);
        assertTrue(m.contains("acquisition/speed has 10 samples in data but 9 timestamps; they must match"), m);
    }

    @Test
    void aNaNSpikeTime() {
        String m = prepareFails(bad("nan_spike_time"), Fixtures.data("broken-files.conf"));
        assertTrue(m.contains("units/spike_times of unit 0 holds NaN at position 5; spike times must be finite seconds"), m);
    }

    @Test
    void aSeriesTheFileDoesNotHave() {
        Config data = ConfigFactory.parseString("nwb.dynamic.speed.series = \"processing/behavior/treadmill\"")
                .withFallback(Fixtures.data("broken-files.conf"));
        String m = prepareFails(bad("nan_spike_time"), data);
        assertTrue(m.contains("has no processing/behavior/treadmill; data.nwb.dynamic.speed.series names 'processing/behavior/treadmill'"), m);
        assertTrue(m.endsWith("run neds inspect " + bad("nan_spike_time") + " for its series"), m);
    }

    @Test
    void aColumnTheTrialsTableDoesNotHave() {
        Config data = ConfigFactory.parseString("nwb.align-to = stim_onset").withFallback(Fixtures.data("broken-files.conf"));
        String m = prepareFails(bad("mismatched_timestamps"), data);
        assertTrue(m.contains("data.nwb.align-to names the column 'stim_onset', which the trials table intervals/trials does not have"), m);
    }

    @Test
    void aFileThatIsNotHdf5() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.nwb"), "not an HDF5 file\n");
        String m = prepareFails(text, Fixtures.data("broken-files.conf"));
        assertTrue(m.startsWith(text + " cannot be read as HDF5"), m);
    }

    @Test
    void aMappingWithoutBehaviours() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NwbMapping.from(ConfigFactory.empty()));
        assertEquals("data.nwb.dynamic and data.nwb.static name no behaviour; map at least one series or trials column "
                + "(neds inspect FILE lists them; see the README, \"Your own data in NWB\")", e.getMessage());
    }

    @Test
    void anUnknownTransform() {
        Config data = ConfigFactory.parseString("nwb.dynamic.speed.transform = derivative").withFallback(Fixtures.data("broken-files.conf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NwbMapping.from(data));
        assertEquals("data.nwb.dynamic.speed.transform must be none, abs or speed, got 'derivative'", e.getMessage());
    }

    @Test
    void aLimitWithAnUnknownKey() {
        Config data = ConfigFactory.parseString("nwb.trials.limits = [{ from = start_time, to = stop_time, mx = 3 }]")
                .withFallback(Fixtures.data("broken-files.conf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NwbMapping.from(data));
        assertEquals("data.nwb.trials.limits entries hold from and to (trials columns) and min and/or max (seconds); got "
                + "[from, mx, to]", e.getMessage());
    }

    @Test
    void numericClassesForATextColumn() {
        Config data = ConfigFactory.parseString("nwb.static.category.classes = [left, right]").withFallback(Fixtures.data("broken-files.conf"));
        String m = prepareFails(bad("nan_spike_time"), data);
        assertTrue(m.contains("data.nwb.static.category.classes holds 'left', but the column category holds numbers; list numeric values"), m);
    }
}
