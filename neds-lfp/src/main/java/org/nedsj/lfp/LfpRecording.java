package org.nedsj.lfp;

import java.nio.file.Path;

/**
 * A continuous multichannel LFP recording read in sample ranges: the sync channel is left out, values are
 * microvolts. Implementations read only what a range needs.
 */
public interface LfpRecording extends AutoCloseable {

    /** The data file, for messages. */
    Path file();

    double sampleRate();

    /** LFP channels (without the sync channel). */
    int channels();

    long samples();

    /**
     * Copies samples {@code [from, from + count)} of the given channels into {@code out}, channel-major:
     * {@code out[k * count + i]} is channel {@code channels[k]} at sample {@code from + i}, in microvolts.
     *
     * @throws IllegalArgumentException naming the file when the range lies outside the recording
     */
    void read(long from, int count, int[] channels, float[] out);

    @Override
    void close();
}
