package org.nedsj.lfp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writers of test recordings, independent of the readers: a SpikeGLX .lf.bin (int16, interleaved, sync last) with
 * its .meta, and an mtscomp 1.0 .cbin/.ch pair following {@code mtscomp.py} (Writer._compress_chunk): per chunk of
 * {@code chunk} samples, {@code np.diff(axis=0)} with the first row kept (time), then optionally
 * {@code np.diff(axis=1)} with the first column kept (spatial), in int16, serialised in C or F order, zlib.
 */
final class LfpFixtures {

    private LfpFixtures() {
    }

    /** A .meta for {@code channels} LFP channels plus one sync channel at 2500 Hz, LF gain 250 (1 count = 4.6875 µV). */
    static String meta(int channels, double rate, int gain) {
        StringBuilder imro = new StringBuilder("(0," + channels + ")");
        for (int c = 0; c < channels; c++) {
            imro.append("(").append(c).append(" 0 0 500 ").append(gain).append(" 1)");
        }
        return "imAiRangeMax=0.6\nimAiRangeMin=-0.6\nimMaxInt=512\nimSampRate=" + rate + "\nnSavedChans=" + (channels + 1)
                + "\nsnsApLfSy=0," + channels + ",1\n~imroTbl=" + imro + "\ntypeThis=imec\n";
    }

    /** Counts [samples][channels + 1] (sync last) as an interleaved int16 file. */
    static void writeBin(Path bin, short[][] counts) throws IOException {
        int width = counts[0].length;
        ByteBuffer b = ByteBuffer.allocate(counts.length * width * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short[] row : counts) {
            for (short v : row) {
                b.putShort(v);
            }
        }
        Files.write(bin, b.array());
    }

    static void writeMtscomp(Path cbin, Path ch, short[][] counts, double rate, int chunk, boolean spatial, char order)
            throws IOException {
        int n = counts.length;
        int width = counts[0].length;
        List<Long> bounds = new ArrayList<>();
        for (long i = 0; i < n; i += chunk) {
            bounds.add(i);
        }
        bounds.add((long) n);
        List<Long> offsets = new ArrayList<>(List.of(0L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k + 1 < bounds.size(); k++) {
            int i0 = bounds.get(k).intValue();
            int rows = bounds.get(k + 1).intValue() - i0;
            short[][] d = new short[rows][width];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < width; c++) {
                    d[r][c] = r == 0 ? counts[i0][c] : (short) (counts[i0 + r][c] - counts[i0 + r - 1][c]);
                }
            }
            if (spatial) {
                for (int r = 0; r < rows; r++) {
                    for (int c = width - 1; c > 0; c--) {
                        d[r][c] = (short) (d[r][c] - d[r][c - 1]);
                    }
                }
            }
            ByteBuffer b = ByteBuffer.allocate(rows * width * 2).order(ByteOrder.LITTLE_ENDIAN);
            if (order == 'F') {
                for (int c = 0; c < width; c++) {
                    for (int r = 0; r < rows; r++) {
                        b.putShort(d[r][c]);
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < width; c++) {
                        b.putShort(d[r][c]);
                    }
                }
            }
            byte[] compressed = deflate(b.array());
            out.write(compressed);
            offsets.add(offsets.get(offsets.size() - 1) + compressed.length);
        }
        Files.write(cbin, out.toByteArray());
        Files.writeString(ch, "{\n  \"algorithm\": \"zlib\",\n  \"chunk_bounds\": " + bounds + ",\n  \"chunk_offsets\": " + offsets
                + ",\n  \"chunk_order\": \"" + order + "\",\n  \"comp_level\": -1,\n  \"do_spatial_diff\": " + spatial
                + ",\n  \"do_time_diff\": true,\n  \"dtype\": \"int16\",\n  \"n_channels\": " + width + ",\n  \"sample_rate\": " + rate
                + ",\n  \"sha1_compressed\": \"\",\n  \"sha1_uncompressed\": \"\",\n  \"shape\": [" + n + ", " + width + "],\n"
                + "  \"version\": \"1.0\"\n}\n");
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
