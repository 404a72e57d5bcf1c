package org.nedsj.spi;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of trials, possibly from several sessions, as the model reads it.
 *
 * <p>Each modality's values are one flat row-major array {@code [size, tokens, width]}, where
 * {@code width} is {@link #width(String)}: the fixed width, or for per-session modalities a padded
 * width at least the widest session in the batch (padding is zero). A static categorical modality
 * holds one class index per trial.
 *
 * <p>The batch takes ownership of the arrays given to its builder and only hands out read-only
 * views, so a batch never changes once built.
 */
public final class Batch {

    private final long index;
    private final List<ModalitySpec> modalities;
    private final int[] sessions;
    private final String[] sessionIds;
    private final int[] trials;
    private final Map<String, float[]> values;
    private final Map<String, Integer> widths;

    private Batch(Builder b) {
        this.index = b.index;
        this.modalities = List.copyOf(b.modalities);
        this.sessions = b.sessions;
        this.sessionIds = b.sessionIds;
        this.trials = b.trials;
        this.values = Map.copyOf(b.values);
        this.widths = Map.copyOf(b.widths);
    }

    /** Position of this batch in the run (epoch-independent counter); masking seeds derive from it. */
    public long index() {
        return index;
    }

    public int size() {
        return trials.length;
    }

    public List<ModalitySpec> modalities() {
        return modalities;
    }

    public ModalitySpec modality(String name) {
        for (ModalitySpec m : modalities) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("batch has no modality " + name + "; it has " + modalities.stream().map(ModalitySpec::name).toList());
    }

    /** Index of trial {@code i}'s session in the session table the batch was built against. */
    public int session(int i) {
        return sessions[i];
    }

    public String sessionId(int i) {
        return sessionIds[i];
    }

    /** Row of trial {@code i} within its session. */
    public int trial(int i) {
        return trials[i];
    }

    public int width(String modality) {
        Integer w = widths.get(modality);
        if (w == null) {
            throw new IllegalArgumentException("batch has no modality " + modality);
        }
        return w;
    }

    /** Read-only view of a modality's values, [size, tokens, width] row-major. */
    public FloatBuffer values(String modality) {
        float[] v = values.get(modality);
        if (v == null) {
            throw new IllegalArgumentException("batch has no modality " + modality);
        }
        return FloatBuffer.wrap(v).asReadOnlyBuffer();
    }

    public static Builder builder(long index, List<ModalitySpec> modalities) {
        return new Builder(index, modalities);
    }

    /** Collects the arrays of one batch; see {@link Batch}. */
    public static final class Builder {
        private final long index;
        private final List<ModalitySpec> modalities;
        private int[] sessions = new int[0];
        private String[] sessionIds = new String[0];
        private int[] trials = new int[0];
        private final Map<String, float[]> values = new LinkedHashMap<>();
        private final Map<String, Integer> widths = new LinkedHashMap<>();

        private Builder(long index, List<ModalitySpec> modalities) {
            this.index = index;
            this.modalities = List.copyOf(modalities);
        }

        /** Which session (index and id) and which trial row each batch entry is. */
        public Builder trials(int[] sessions, String[] sessionIds, int[] trials) {
            if (sessions.length != trials.length || sessionIds.length != trials.length) {
                throw new IllegalArgumentException("sessions, sessionIds and trials differ in length");
            }
            this.sessions = sessions.clone();
            this.sessionIds = sessionIds.clone();
            this.trials = trials.clone();
            return this;
        }

        /** The values of one modality, [size, tokens, width]; the array is taken, not copied. */
        public Builder values(String modality, int width, float[] data) {
            this.widths.put(modality, width);
            this.values.put(modality, data);
            return this;
        }

        public Batch build() {
            for (ModalitySpec m : modalities) {
                float[] v = values.get(m.name());
                Objects.requireNonNull(v, () -> "no values for modality " + m.name());
                long expected = (long) trials.length * m.tokensPerTrial() * widths.get(m.name());
                if (v.length != expected) {
                    throw new IllegalArgumentException("modality " + m.name() + ": " + v.length
                            + " values, expected " + trials.length + "×" + m.tokensPerTrial() + "×" + widths.get(m.name()));
                }
            }
            return new Batch(this);
        }
    }

    @Override
    public String toString() {
        return "Batch[" + index + ", " + size() + " trials, sessions " + Arrays.toString(sessions) + "]";
    }
}
