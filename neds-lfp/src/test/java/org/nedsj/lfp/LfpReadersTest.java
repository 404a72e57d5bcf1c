package org.nedsj.lfp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw and the compressed LFP stream of one recording read identically, sync channel left out, in microvolts. */
class LfpReadersTest {

    private static final int CHANNELS = 6;
    private static final int SAMPLES = 10_000;
    private static final double RATE = 2500;
    private static final int CHUNK = 2500;

    @TempDir
    Path tmp;

    /** Counts that wander widely, so int16 time and channel differences wrap around; sync last. */
    private static short[][] counts() {
        Random rng = new Random(5);
        short[][] c = new short[SAMPLES][CHANNELS + 1];
        for (int i = 0; i < SAMPLES; i++) {
            for (int k = 0; k < CHANNELS; k++) {
                c[i][k] = (short) (k % 2 == 0 ? rng.nextInt(65536) - 32768 : (i * (k + 3)) % 2000 - 1000);
            }
            c[i][CHANNELS] = (short) ((i / 1250) % 2 == 0 ? 0 : 64);
        }
        return c;
    }

    private Path probe(String name, short[][] counts, boolean compressed, boolean spatial, char order) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.meta"), LfpFixtures.meta(CHANNELS, RATE, 250));
        if (compressed) {
            LfpFixtures.writeMtscomp(dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.cbin"),
                    dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.ch"), counts, RATE, CHUNK, spatial, order);
        } else {
            LfpFixtures.writeBin(dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.bin"), counts);
        }
        return dir;
    }

    @Test
    void rawAndCompressedStreamsReadTheSameMicrovolts() throws IOException {
        short[][] counts = counts();
        int[] channels = {0, 1, 3, 5};
        float[] expected = new float[channels.length * 700];
        double uv = 0.6 / 512 / 250 * 1e6;
        for (int k = 0; k < channels.length; k++) {
            for (int i = 0; i < 700; i++) {
                expected[k * 700 + i] = (float) (counts[2200 + i][channels[k]] * (float) uv);
            }
        }
        Path raw = probe("raw", counts, false, false, 'F');
        for (Path dir : new Path[]{raw, probe("f", counts, true, false, 'F'), probe("c", counts, true, false, 'C'),
                probe("spatial", counts, true, true, 'F')}) {
            try (LfpRecording r = LfpFiles.open(dir)) {
                assertEquals(CHANNELS, r.channels(), dir + ": the sync channel is not data");
                assertEquals(SAMPLES, r.samples());
                assertEquals(RATE, r.sampleRate());
                float[] out = new float[channels.length * 700];
                r.read(2200, 700, channels, out);
                assertArrayEquals(expected, out, dir.toString());
            }
        }
    }

    @Test
    void onlyTheChunksAReadOverlapsAreInflated() throws IOException {
        Path dir = probe("count", counts(), true, false, 'F');
        try (MtscompFile r = (MtscompFile) LfpFiles.open(dir)) {
            assertEquals(4, r.chunkCount());
            float[] out = new float[2 * 700];
            r.read(2200, 700, new int[]{0, 1}, out);   // samples 2200–2899: chunks 0 and 1
            assertEquals(2, r.inflatedChunks());
            r.read(2600, 100, new int[]{0, 1}, out);   // inside chunk 1, still kept
            assertEquals(2, r.inflatedChunks());
            r.read(9000, 100, new int[]{0, 1}, out);   // chunk 3
            assertEquals(3, r.inflatedChunks());
        }
    }

    @Test
    void aWindowPastTheRecordingIsRefusedNamingTheFile() throws IOException {
        Path dir = probe("short", counts(), false, false, 'F');
        try (LfpRecording r = LfpFiles.open(dir)) {
            var e = assertThrows(IllegalArgumentException.class, () -> r.read(SAMPLES - 10, 100, new int[]{0}, new float[100]));
            assertTrue(e.getMessage().contains(".lf.bin") && e.getMessage().contains("outside the recording"), e.getMessage());
        }
    }

    @Test
    void aDamagedChunkOrAMismatchedHeaderIsNamed() throws IOException {
        Path dir = probe("bad", counts(), true, false, 'F');
        Path cbin = dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.cbin");
        byte[] bytes = Files.readAllBytes(cbin);
        for (int i = 10; i < 60; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(cbin, bytes);
        try (LfpRecording r = LfpFiles.open(dir)) {
            var e = assertThrows(IllegalArgumentException.class, () -> r.read(0, 10, new int[]{0}, new float[10]));
            assertTrue(e.getMessage().contains("chunk 0") && e.getMessage().contains("damaged"), e.getMessage());
        }
        Files.writeString(dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.meta"), LfpFixtures.meta(CHANNELS + 2, RATE, 250));
        var e = assertThrows(IllegalArgumentException.class, () -> LfpFiles.open(dir));
        assertTrue(e.getMessage().contains("n_channels") && e.getMessage().contains("different recordings"), e.getMessage());
        Files.delete(dir.resolve("_spikeglx_ephysData_g0_t0.imec0.lf.meta"));
        e = assertThrows(IllegalArgumentException.class, () -> LfpFiles.open(dir));
        assertTrue(e.getMessage().contains("lf.meta"), e.getMessage());
    }
}
