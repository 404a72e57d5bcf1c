package org.nedsj.lfp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelSelectionTest {

    private static final List<String> REGIONS = List.of("VISp", "VISp", "CA1", "CA1", "DG", "unknown");

    @Test
    void allEveryKthAndByRegion() {
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, new ChannelSelection("all", 1, List.of()).choose(6, null, "probe00"));
        assertArrayEquals(new int[]{0, 4}, new ChannelSelection("every", 4, List.of()).choose(6, null, "probe00"));
        assertArrayEquals(new int[]{2, 3, 4}, new ChannelSelection("regions", 1, List.of("CA1", "DG")).choose(6, REGIONS, "probe00"));
    }

    @Test
    void regionsWithoutLocationsOrWithNoChannelThereAreNamed() {
        var none = assertThrows(IllegalArgumentException.class,
                () -> new ChannelSelection("regions", 1, List.of("CA1")).choose(6, null, "probe00"));
        assertTrue(none.getMessage().contains("no channel locations"), none.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> new ChannelSelection("regions", 1, List.of("MOs")).choose(6, REGIONS, "probe00"));
        assertTrue(empty.getMessage().contains("[CA1, DG, VISp, unknown]"), empty.getMessage());
        var mode = assertThrows(IllegalArgumentException.class, () -> new ChannelSelection("some", 1, List.of()));
        assertTrue(mode.getMessage().contains("data.lfp.channels.select"), mode.getMessage());
    }
}
