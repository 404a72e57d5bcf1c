package org.nedsj.data.prepared;

import org.nedsj.data.IblModalities;
import org.nedsj.data.align.PreparedSession;
import org.nedsj.data.npy.NpyArray;
import org.nedsj.data.npy.NpyDtype;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * One prepared session's trials, read from memory-mapped NPY files (or arrays in memory) without
 * allocating: spike counts become float counts, wheel and whisker are copied, choice and block
 * give their class index.
 */
public final class PreparedSessionData implements SessionData {

    private static final Split[] SPLITS = Split.values();

    private final SessionInfo info;
    private final int bins;
    private final int neurons;
    private final NpyArray spikes;
    private final NpyArray wheel;
    private final NpyArray whisker;
    private final NpyArray choice;
    private final NpyArray block;
    private final NpyArray split;
    private final long[] units;

    PreparedSessionData(SessionInfo info, int bins, NpyArray spikes, NpyArray wheel, NpyArray whisker, NpyArray choice,
                        NpyArray block, NpyArray split, long[] units) {
        this.info = info;
        this.bins = bins;
        this.neurons = info.neurons();
        this.spikes = spikes;
        this.wheel = wheel;
        this.whisker = whisker;
        this.choice = choice;
        this.block = block;
        this.split = split;
        this.units = units.clone();
    }

    /** A session prepared in memory (the {@code ibl-alf} source). */
    public static PreparedSessionData inMemory(PreparedSession s) {
        int t = s.trials();
        int b = s.bins();
        Path where = Path.of(s.summary().alfPath());
        int[] perSplit = new int[3];
        for (byte code : s.split()) {
            perSplit[code]++;
        }
        SessionInfo info = new SessionInfo(s.summary().id(), s.neurons(), perSplit[0], perSplit[1], perSplit[2], s.summary().alfPath());
        return new PreparedSessionData(info, b,
                NpyArray.wrap(where.resolve("spikes (in memory)"), NpyDtype.U1, ByteOrder.LITTLE_ENDIAN,
                        new long[]{t, b, s.neurons()}, ByteBuffer.wrap(s.spikes())),
                floats(where.resolve("wheel (in memory)"), s.wheel(), t, b),
                floats(where.resolve("whisker (in memory)"), s.whisker(), t, b),
                bytes(where.resolve("choice (in memory)"), s.choice()),
                bytes(where.resolve("block (in memory)"), s.block()),
                bytes(where.resolve("split (in memory)"), s.split()), s.units());
    }

    private static NpyArray floats(Path name, float[] values, int trials, int bins) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return NpyArray.wrap(name, NpyDtype.F4, ByteOrder.LITTLE_ENDIAN, new long[]{trials, bins}, b);
    }

    private static NpyArray bytes(Path name, byte[] values) {
        return NpyArray.wrap(name, NpyDtype.I1, ByteOrder.LITTLE_ENDIAN, new long[]{values.length}, ByteBuffer.wrap(values));
    }

    @Override
    public java.util.Optional<long[]> unitIds() {
        return java.util.Optional.of(units.clone());
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public int trialCount() {
        return info.trials();
    }

    @Override
    public Split split(int trial) {
        // Split.of clones Split.values() on every call; the training loop calls this per trial
        return SPLITS[(int) split.getLong(trial)];
    }

    public int bins() {
        return bins;
    }

    @Override
    public void copyTrial(String modality, int trial, float[] dest, int offset, int stride) {
        if (trial < 0 || trial >= trialCount()) {
            throw new IndexOutOfBoundsException("trial " + trial + " of session " + info.id() + " with " + trialCount() + " trials");
        }
        switch (modality) {
            case IblModalities.SPIKES -> copySpikes(trial, dest, offset, stride);
            case IblModalities.WHEEL -> copyBins(wheel, trial, dest, offset, stride);
            case IblModalities.WHISKER -> copyBins(whisker, trial, dest, offset, stride);
            case IblModalities.CHOICE -> dest[offset] = choice.getLong(trial);
            case IblModalities.BLOCK -> dest[offset] = block.getLong(trial);
            default -> throw new IllegalArgumentException("session " + info.id() + " has no modality " + modality
                    + "; it has " + IblModalities.NAMES);
        }
    }

    private void copySpikes(int trial, float[] dest, int offset, int stride) {
        if (stride < neurons) {
            throw new IllegalArgumentException("stride " + stride + " is less than the " + neurons + " neurons of session " + info.id());
        }
        long base = (long) trial * bins * neurons;
        for (int b = 0; b < bins; b++) {
            int row = offset + b * stride;
            long from = base + (long) b * neurons;
            for (int n = 0; n < neurons; n++) {
                dest[row + n] = spikes.getUnsignedByte(from + n);
            }
        }
    }

    private void copyBins(NpyArray values, int trial, float[] dest, int offset, int stride) {
        long base = (long) trial * bins;
        for (int b = 0; b < bins; b++) {
            dest[offset + b * stride] = values.getFloat(base + b);
        }
    }
}
