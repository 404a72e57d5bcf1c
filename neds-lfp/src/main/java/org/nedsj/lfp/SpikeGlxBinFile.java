package org.nedsj.lfp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A SpikeGLX {@code *.lf.bin}: int16 little-endian, samples interleaved over the saved channels (the last
 * being sync). Ranges are read with positional reads; nothing else of the file is touched.
 */
public final class SpikeGlxBinFile implements LfpRecording {

    private final Path file;
    private final SpikeGlxMeta meta;
    private final FileChannel channel;
    private final long samples;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    public SpikeGlxBinFile(Path file, SpikeGlxMeta meta) {
        this.file = file;
        this.meta = meta;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            long bytes = channel.size();
            long frame = 2L * meta.savedChannels();
            if (bytes % frame != 0) {
                channel.close();
                throw new IllegalArgumentException("SpikeGLX file " + file + " holds " + bytes + " bytes, not a whole number of "
                        + meta.savedChannels() + "-channel int16 samples (nSavedChans in " + meta.file()
                        + "); the file is truncated or belongs to another .meta");
            }
            this.samples = bytes / frame;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
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
        return samples;
    }

    @Override
    public void read(long from, int count, int[] channels, float[] out) {
        Ranges.require(this, from, count);
        int saved = meta.savedChannels();
        int bytes = Math.multiplyExact(count, 2 * saved);
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear().limit(bytes);
        try {
            long position = from * 2L * saved;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IllegalArgumentException(file + " ended early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        double[] uv = meta.microvoltsPerCount();
        for (int k = 0; k < channels.length; k++) {
            int c = channels[k];
            float scale = (float) uv[c];
            for (int i = 0; i < count; i++) {
                out[k * count + i] = buffer.getShort(2 * (i * saved + c)) * scale;
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
