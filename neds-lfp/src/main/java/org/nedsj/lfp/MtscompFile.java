package org.nedsj.lfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * IBL's compressed ephys format ({@code int-brain-lab/mtscomp}, format 1.0): a {@code *.cbin} of zlib-compressed
 * chunks and a JSON {@code *.ch} with the chunks' sample bounds ({@code chunk_bounds}, n+1 entries) and byte
 * offsets ({@code chunk_offsets}, n+1 entries). Each chunk holds its {@code (samples, n_channels)} int16 block,
 * differenced along time ({@code do_time_diff}: axis 0, the first row kept) and/or across channels
 * ({@code do_spatial_diff}: axis 1), serialised in {@code chunk_order} (F: channel after channel, mtscomp's
 * default; C: sample after sample). Decoding undoes channel then time differences with int16 wrap-around, as
 * numpy's cumsum in the file's dtype does. Only chunks a read overlaps are inflated; the last few are kept.
 */
public final class MtscompFile implements LfpRecording {

    private static final int KEPT_CHUNKS = 3;

    private final Path file;
    private final SpikeGlxMeta meta;
    private final FileChannel channel;
    private final int nChannels;
    private final long[] bounds;
    private final long[] offsets;
    private final boolean timeDiff;
    private final boolean spatialDiff;
    private final boolean fortran;
    private final Map<Integer, short[]> decoded = new LinkedHashMap<>(4, 0.75f, true);
    private final Inflater inflater = new Inflater();
    private int inflatedChunks;

    public MtscompFile(Path cbin, Path ch, SpikeGlxMeta meta) {
        this.file = cbin;
        this.meta = meta;
        JsonNode h = header(ch);
        String version = text(ch, h, "version");
        if (!version.startsWith("1.")) {
            throw bad(ch, "version", "is " + version + "; this reader knows mtscomp format 1.x");
        }
        require(ch, "algorithm", text(ch, h, "algorithm"), "zlib");
        require(ch, "dtype", text(ch, h, "dtype"), "int16");
        this.nChannels = h.path("n_channels").asInt(-1);
        if (nChannels != meta.savedChannels()) {
            throw bad(ch, "n_channels", "is " + nChannels + " but " + meta.file() + " has nSavedChans=" + meta.savedChannels()
                    + "; the .ch and .meta files belong to different recordings");
        }
        this.bounds = longs(ch, h, "chunk_bounds");
        this.offsets = longs(ch, h, "chunk_offsets");
        if (bounds.length < 2 || offsets.length != bounds.length || bounds[0] != 0 || offsets[0] != 0) {
            throw bad(ch, "chunk_bounds", "and chunk_offsets must be two lists of the same length ≥ 2 starting at 0");
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] < bounds[i - 1] || offsets[i] < offsets[i - 1]) {
                throw bad(ch, "chunk_bounds", "or chunk_offsets decrease at chunk " + i);
            }
        }
        this.timeDiff = h.path("do_time_diff").asBoolean(true);
        this.spatialDiff = h.path("do_spatial_diff").asBoolean(false);
        String order = h.path("chunk_order").asText("C");
        if (!order.equals("C") && !order.equals("F")) {
            throw bad(ch, "chunk_order", "is " + order + "; mtscomp writes C or F");
        }
        this.fortran = order.equals("F");
        try {
            this.channel = FileChannel.open(cbin, StandardOpenOption.READ);
            if (channel.size() != offsets[offsets.length - 1]) {
                long size = channel.size();
                channel.close();
                throw new IllegalArgumentException("mtscomp file " + cbin + " holds " + size + " bytes, its header " + ch
                        + " says " + offsets[offsets.length - 1] + " (last chunk_offsets); the file is truncated or belongs to another .ch");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + cbin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public double sampleRate() {
        return meta.sampleRate();
    }

    @Override
    public int channels() {
        return meta.dataChannels();
    }

    @Override
    public long samples() {
        return bounds[bounds.length - 1];
    }

    /** Chunks inflated so far (a chunk read again while kept is not inflated again). */
    public int inflatedChunks() {
        return inflatedChunks;
    }

    /** Chunks in the file. */
    public int chunkCount() {
        return bounds.length - 1;
    }

    @Override
    public void read(long from, int count, int[] channels, float[] out) {
        Ranges.require(this, from, count);
        double[] uv = meta.microvoltsPerCount();
        long end = from + count;
        int chunk = chunkOf(from);
        while (count > 0 && chunk < bounds.length - 1 && bounds[chunk] < end) {
            short[] block = chunk(chunk);
            long first = Math.max(from, bounds[chunk]);
            long last = Math.min(end, bounds[chunk + 1]);
            for (int k = 0; k < channels.length; k++) {
                int c = channels[k];
                float scale = (float) uv[c];
                for (long s = first; s < last; s++) {
                    int r = (int) (s - bounds[chunk]);
                    out[(int) (k * count + (s - from))] = block[r * nChannels + c] * scale;
                }
            }
            chunk++;
        }
    }

    private int chunkOf(long sample) {
        int lo = 0;
        int hi = bounds.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds[mid] <= sample) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Chunk {@code i} decoded, C order {@code [samples][n_channels]}. */
    private short[] chunk(int i) {
        short[] kept = decoded.get(i);
        if (kept != null) {
            return kept;
        }
        short[] block = decode(i);
        decoded.put(i, block);
        if (decoded.size() > KEPT_CHUNKS) {
            decoded.remove(decoded.keySet().iterator().next());
        }
        return block;
    }

    private short[] decode(int i) {
        int rows = (int) (bounds[i + 1] - bounds[i]);
        int length = (int) (offsets[i + 1] - offsets[i]);
        ByteBuffer compressed = ByteBuffer.allocate(length);
        try {
            while (compressed.hasRemaining()) {
                if (channel.read(compressed, offsets[i] + compressed.position()) < 0) {
                    throw new IllegalArgumentException(file + " ended inside chunk " + i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        byte[] raw = new byte[Math.multiplyExact(rows, nChannels * 2)];
        inflater.reset();
        inflater.setInput(compressed.array());
        try {
            int n = 0;
            while (n < raw.length && !inflater.finished()) {
                int got = inflater.inflate(raw, n, raw.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != raw.length || !inflater.finished()) {
                throw corrupt(i, "inflates to " + (inflater.finished() ? n : "more than " + n) + " bytes, expected " + raw.length);
            }
        } catch (DataFormatException e) {
            throw corrupt(i, "is not zlib data (" + e.getMessage() + ")");
        }
        inflatedChunks++;
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        short[] block = new short[rows * nChannels];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < nChannels; c++) {
                int stored = fortran ? c * rows + r : r * nChannels + c;
                block[r * nChannels + c] = bytes.getShort(2 * stored);
            }
        }
        if (spatialDiff) {
            for (int r = 0; r < rows; r++) {
                for (int c = 1; c < nChannels; c++) {
                    block[r * nChannels + c] = (short) (block[r * nChannels + c] + block[r * nChannels + c - 1]);
                }
            }
        }
        if (timeDiff) {
            for (int r = 1; r < rows; r++) {
                for (int c = 0; c < nChannels; c++) {
                    block[r * nChannels + c] = (short) (block[r * nChannels + c] + block[(r - 1) * nChannels + c]);
                }
            }
        }
        return block;
    }

    private IllegalArgumentException corrupt(int chunk, String problem) {
        return new IllegalArgumentException("mtscomp file " + file + ": chunk " + chunk + " (bytes " + offsets[chunk] + " to "
                + offsets[chunk + 1] + ") " + problem + "; the file is damaged, download it again");
    }

    @Override
    public void close() {
        inflater.end();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode header(Path ch) {
        try {
            return new ObjectMapper().readTree(ch.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("mtscomp header " + ch + " is not readable JSON (" + e.getMessage()
                    + "); give the .ch file mtscomp wrote beside the .cbin");
        }
    }

    private static String text(Path ch, JsonNode h, String key) {
        JsonNode v = h.get(key);
        if (v == null || v.isNull()) {
            throw bad(ch, key, "is missing");
        }
        return v.asText();
    }

    private static void require(Path ch, String key, String value, String expected) {
        if (!value.equals(expected)) {
            throw bad(ch, key, "is " + value + "; this reader supports " + expected);
        }
    }

    private static long[] longs(Path ch, JsonNode h, String key) {
        JsonNode v = h.get(key);
        if (v == null || !v.isArray()) {
            throw bad(ch, key, "is missing or not a list");
        }
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).canConvertToLong()) {
                throw bad(ch, key, "has a non-integer entry " + v.get(i));
            }
            out[i] = v.get(i).asLong();
        }
        return out;
    }

    private static IllegalArgumentException bad(Path ch, String key, String problem) {
        return new IllegalArgumentException("mtscomp header " + ch + ": " + key + " " + problem);
    }
}
