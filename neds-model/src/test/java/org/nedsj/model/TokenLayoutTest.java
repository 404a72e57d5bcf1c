package org.nedsj.model;

import org.junit.jupiter.api.Test;
import org.nedsj.model.graph.TokenLayout;

import static org.junit.jupiter.api.Assertions.*;

class TokenLayoutTest {

    @Test
    void oneStaticTokenSitsAtTheStaticPositionWithoutATimeBin() {
        // Fixtures.ALL: spikes, wheel, whisker (T bins each), choice, block
        TokenLayout layout = TokenLayout.of(Fixtures.bindings(Fixtures.ALL), 7, 1);
        int t = Fixtures.SPIKES.tokensPerTrial();
        assertEquals(3 * t + 2, layout.length());
        assertEquals(3 * t, layout.offset("choice"));
        assertEquals(1, layout.tokens("choice"));
        assertFalse(layout.repeated("choice"));
        assertEquals(7, layout.positions()[3 * t]);
        assertEquals(-1, layout.timeBins()[3 * t + 1]);
        assertEquals(t - 1, layout.positions()[t - 1]);
    }

    @Test
    void repeatedStaticTokensSpreadOverTheTrialsBinsAtTheirCentres() {
        TokenLayout layout = TokenLayout.of(Fixtures.bindings(Fixtures.ALL), 0, 4);
        int t = Fixtures.SPIKES.tokensPerTrial();
        assertEquals(3 * t + 8, layout.length());
        assertTrue(layout.repeated("block"));
        assertEquals(3 * t + 4, layout.offset("block"));
        int[] bins = layout.timeBins();
        for (int s = 0; s < 4; s++) {
            int expected = (int) ((s + 0.5) * t / 4);
            assertEquals(expected, bins[3 * t + s], "choice copy " + s);
            assertEquals(expected, layout.positions()[3 * t + 4 + s], "block copy " + s);
        }
        assertEquals(t, layout.timeBinCount());
    }

    @Test
    void aWholeTrialReadoutReadsEveryTokenForStaticModalitiesOnly() {
        TokenLayout layout = TokenLayout.of(Fixtures.bindings(Fixtures.ALL), 0, 4, TokenLayout.Readout.TRIAL);
        int t = Fixtures.SPIKES.tokensPerTrial();
        assertTrue(layout.sharedReadout("choice") && layout.pooled("choice"));
        assertEquals(0, layout.readOffset("block"));
        assertEquals(layout.length(), layout.readTokens("block"));
        assertFalse(layout.sharedReadout("wheel") || layout.pooled("wheel"));
        assertEquals(t, layout.readOffset("wheel"));
        assertEquals(t, layout.readTokens("wheel"));
        // the static tokens keep their places in the sequence: they still carry the visible value as input
        assertEquals(3 * t + 4, layout.offset("block"));
        assertEquals(4, layout.tokens("block"));
    }

    @Test
    void aNeuralReadoutReadsTheSpikeTokens() {
        TokenLayout layout = TokenLayout.of(Fixtures.bindings(Fixtures.ALL), 0, 4, TokenLayout.Readout.NEURAL);
        int t = Fixtures.SPIKES.tokensPerTrial();
        assertTrue(layout.sharedReadout("block") && layout.pooled("block"));
        assertEquals(layout.offset("spikes"), layout.readOffset("block"));
        assertEquals(t, layout.readTokens("choice"));
        assertFalse(layout.sharedReadout("spikes") || layout.sharedReadout("wheel"));
        assertEquals(t, layout.readOffset("wheel"));
    }

    @Test
    void aNeuralReadoutWithoutNeuralModalitiesIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TokenLayout.of(
                Fixtures.bindings(java.util.List.of(Fixtures.WHEEL, Fixtures.CHOICE)), 0, 1, TokenLayout.Readout.NEURAL));
        assertTrue(e.getMessage().contains("model.static-readout = neural"), e.getMessage());
    }

    @Test
    void anUnknownStaticReadoutIsRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(8, 1, 2, 8, "layer", 0, 0, true, 10000, 0, 1e-5,
                        org.nd4j.linalg.api.buffer.DataType.FLOAT).withStaticReadout("pooled"));
        assertTrue(e.getMessage().contains("model.static-readout") && e.getMessage().contains("'trial'")
                && e.getMessage().contains("'neural'"), e.getMessage());
    }

    @Test
    void fewerThanOneStaticTokenIsRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(8, 1, 2, 8, "layer", 0, 0, true, 10000, 0, 1e-5,
                        org.nd4j.linalg.api.buffer.DataType.FLOAT).withStaticTokens(0));
        assertTrue(e.getMessage().contains("model.static-tokens"), e.getMessage());
    }

    @Test
    void moreStaticTokensThanTheTrialHasBinsAreRefusedNamingTheKey() {
        int t = Fixtures.SPIKES.tokensPerTrial();
        var e = assertThrows(IllegalArgumentException.class, () -> TokenLayout.of(Fixtures.bindings(Fixtures.ALL), 0, t + 1));
        assertTrue(e.getMessage().contains("model.static-tokens") && e.getMessage().contains(t + " bins"), e.getMessage());
    }
}
