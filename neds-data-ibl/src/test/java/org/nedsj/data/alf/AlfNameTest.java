package org.nedsj.data.alf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlfNameTest {

    @Test
    void parsesNamespaceObjectAttributeExtrasAndExtension() {
        AlfName n = AlfName.parse("_ibl_trials.stimOn_times.npy").orElseThrow();
        assertEquals(new AlfName("ibl", "trials", "stimOn_times", List.of(), "npy"), n);
        AlfName u = AlfName.parse("spikes.times.5f1a0e8c-3b2d-4c61-9a7e-0c1d2e3f4a5b.npy").orElseThrow();
        assertEquals("spikes", u.object());
        assertEquals(List.of("5f1a0e8c-3b2d-4c61-9a7e-0c1d2e3f4a5b"), u.extras());
        assertTrue(u.matches("spikes", "times", "npy"));
        assertEquals("rightCamera", AlfName.parse("rightCamera.ROIMotionEnergy.npy").orElseThrow().object());
    }

    @Test
    void rejectsNamesThatAreNotAlf() {
        assertTrue(AlfName.parse("README.md").isEmpty());
        assertTrue(AlfName.parse("a..npy").isEmpty());
        assertTrue(AlfName.parse("_ibl.times.npy").isEmpty());
    }
}
