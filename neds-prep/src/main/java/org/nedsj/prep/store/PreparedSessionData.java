package org.nedsj.prep.store;

import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * One prepared session's trials, read from memory-mapped NPY files (or arrays in memory) without
 * allocating: spike counts become float counts, dynamic behaviours are copied, static ones give
 * their class index.
 */
public final class PreparedSessionData implements SessionData {

    private static final Split[] SPLITS = Split.values();

    private final SessionInfo info;
    private final int bins;
    private final int neurons;
    private final NpyArray spikes;
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final List<String> names;
    private final NpyArray split;
    private final long[] units;
    private final List<String> regions;
    /** The stored neuron column of each neuron this view offers; null: every column, in order. */
    private final int[] columns;
    private final int storedNeurons;

    private record Behaviour(boolean dynamic, NpyArray values) {
    }

    /**
     * @param modalities spikes first, then the behaviours, whose values {@code values} holds by name
     */
    PreparedSessionData(SessionInfo info, int bins, List<ModalitySpec> modalities, NpyArray spikes, Map<String, NpyArray> values,
                        NpyArray split, long[] units, List<String> regions) {
        this.info = info;
        this.bins = bins;
        this.neurons = info.neurons();
        this.storedNeurons = info.neurons();
        this.spikes = spikes;
        for (ModalitySpec m : modalities) {
            if (!m.isNeural()) {
                behaviours.put(m.name(), new Behaviour(!m.isStatic(), values.get(m.name())));
            }
        }
        this.names = modalities.stream().map(ModalitySpec::name).toList();
        this.split = split;
        this.units = units.clone();
        this.regions = List.copyOf(regions);
        this.columns = null;
    }

    /** A view of {@code all} offering only its neurons {@code kept} (ascending indices into {@code all}'s neurons). */
    private PreparedSessionData(PreparedSessionData all, int[] kept) {
        this(all, kept, all.regions);
    }

    /** As above, with {@code regions} (one per neuron of {@code all}) in place of {@code all}'s. */
    private PreparedSessionData(PreparedSessionData all, int[] kept, List<String> regions) {
        this.info = new SessionInfo(all.info.id(), kept.length, all.info.widths(), all.info.trainTrials(), all.info.valTrials(),
                all.info.testTrials(), all.info.source());
        this.bins = all.bins;
        this.neurons = kept.length;
        this.storedNeurons = all.storedNeurons;
        this.spikes = all.spikes;
        this.behaviours.putAll(all.behaviours);
        this.names = all.names;
        this.split = all.split;
        this.units = new long[kept.length];
        this.columns = new int[kept.length];
        List<String> r = new ArrayList<>(kept.length);
        for (int k = 0; k < kept.length; k++) {
            this.units[k] = all.units[kept[k]];
            this.columns[k] = all.columns == null ? kept[k] : all.columns[kept[k]];
            r.add(regions.get(kept[k]));
        }
        this.regions = List.copyOf(r);
    }

    /**
     * This session's neurons of the regions {@code keep} accepts (a view: nothing is copied or re-prepared), or
     * empty when it has none.
     */
    public Optional<PreparedSessionData> restrictedTo(Predicate<String> keep) {
        int[] kept = IntStream.range(0, neurons).filter(n -> keep.test(regions.get(n))).toArray();
        if (kept.length == 0) {
            return Optional.empty();
        }
        return Optional.of(kept.length == neurons ? this : new PreparedSessionData(this, kept));
    }

    /** This session with each neuron's region relabelled by {@code parcel} (e.g. to a coarser level). */
    public PreparedSessionData withRegions(UnaryOperator<String> parcel) {
        return new PreparedSessionData(this, IntStream.range(0, neurons).toArray(),
                regions.stream().map(parcel).toList());
    }

    /** Each neuron's brain region, in column order ({@code unknown} where not recorded). */
    @Override
    public Optional<List<String>> unitRegions() {
        return Optional.of(regions);
    }

    /** A session prepared in memory (the {@code ibl-alf} and {@code nwb} sources). */
    public static PreparedSessionData inMemory(PreparedSession s) {
        int t = s.trials();
        int b = s.bins();
        Path where = Path.of(s.summary().alfPath());
        int[] perSplit = new int[3];
        for (byte code : s.split()) {
            perSplit[code]++;
        }
        SessionInfo info = new SessionInfo(s.summary().id(), s.neurons(), perSplit[0], perSplit[1], perSplit[2], s.summary().alfPath());
        Map<String, NpyArray> values = new LinkedHashMap<>();
        s.dynamic().forEach((name, v) -> values.put(name, floats(where.resolve(name + " (in memory)"), v, t, b)));
        s.statics().forEach((name, c) -> values.put(name, bytes(where.resolve(name + " (in memory)"), c.values())));
        return new PreparedSessionData(info, b, s.modalities(),
                NpyArray.wrap(where.resolve("spikes (in memory)"), NpyDtype.U1, ByteOrder.LITTLE_ENDIAN,
                        new long[]{t, b, s.neurons()}, ByteBuffer.wrap(s.spikes())),
                values, bytes(where.resolve("split (in memory)"), s.split()), s.units(), s.regions());
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
    public Optional<long[]> unitIds() {
        return Optional.of(units.clone());
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
        if (PreparedSession.SPIKES.equals(modality)) {
            copySpikes(trial, dest, offset, stride);
            return;
        }
        Behaviour b = behaviours.get(modality);
        if (b == null) {
            throw new IllegalArgumentException("session " + info.id() + " has no modality " + modality + "; it has " + names);
        }
        if (b.dynamic()) {
            copyBins(b.values(), trial, dest, offset, stride);
        } else {
            dest[offset] = b.values().getLong(trial);
        }
    }

    private void copySpikes(int trial, float[] dest, int offset, int stride) {
        if (stride < neurons) {
            throw new IllegalArgumentException("stride " + stride + " is less than the " + neurons + " neurons of session " + info.id());
        }
        long base = (long) trial * bins * storedNeurons;
        for (int b = 0; b < bins; b++) {
            int row = offset + b * stride;
            long from = base + (long) b * storedNeurons;
            if (columns == null) {
                for (int n = 0; n < neurons; n++) {
                    dest[row + n] = spikes.getUnsignedByte(from + n);
                }
            } else {
                for (int n = 0; n < neurons; n++) {
                    dest[row + n] = spikes.getUnsignedByte(from + columns[n]);
                }
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
