package org.nedsj.nwb;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NwbInspectorTest {

    @Test
    void listsSeriesWithTimestampsAndWithARateAndTheTrialsColumns() {
        String out = new NwbFormat().inspect(Fixtures.IBL_NWB);
        assertTrue(out.startsWith(Fixtures.IBL_NWB + " (session id " + Fixtures.IBL_ID + ", NWB 2.7.0)"), out);
        assertTrue(out.contains("series processing/behavior/BehavioralTimeSeries/wheel_position (TimeSeries): 1400 samples float64, "
                + "unit radians, timestamps "), out);
        assertTrue(out.contains("series acquisition/motion_energy (TimeSeries): "), out);
        assertTrue(out.contains(", rate 60 Hz from 0.8 s"), out);
        assertTrue(out.contains("table intervals/trials (TimeIntervals): 30 rows"), out);
        assertTrue(out.contains("  probability_left         float64  30 rows, values 0.2 ("), out);
        assertTrue(out.contains("  spike_times              float64  ragged: "), out);
        assertFalse(out.contains("specifications"), out);
    }

    @Test
    void recognisesNwbFilesAndFoldersHoldingThem() {
        NwbFormat f = new NwbFormat();
        assertTrue(f.recognises(Fixtures.IBL_NWB));
        assertTrue(f.recognises(Fixtures.ROOT.resolve("bad")));
        assertFalse(f.recognises(Fixtures.IBL_ALF));
        assertFalse(f.recognises(Fixtures.ROOT.resolve("missing.nwb")));
    }
}
