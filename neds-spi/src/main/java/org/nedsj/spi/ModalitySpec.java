package org.nedsj.spi;

import java.util.Objects;

/**
 * What a modality is: its name, the kind of values it holds, whether it is neural or behavioural,
 * how many tokens a trial has of it and how wide each token's values are.
 *
 * <p>Value conventions, per kind (what {@link SessionData#copyTrial} writes and decoders predict):
 * <ul>
 *   <li>{@link Kind#NEURAL_COUNTS}: non-negative counts [tokens, width]; the width is the session's
 *       neuron count ({@link #width()} is {@link #PER_SESSION}); decoders predict log rates.</li>
 *   <li>{@link Kind#DYNAMIC_CONTINUOUS}: real values [tokens, width], one token per time bin;
 *       decoders predict the values.</li>
 *   <li>{@link Kind#STATIC_CATEGORICAL}: one class index per trial (one token, width 1);
 *       decoders predict {@link #classes()} logits.</li>
 * </ul>
 *
 * @param name           unique modality name, e.g. {@code spikes}, {@code wheel}
 * @param kind           the kind of values
 * @param role           neural or behavioural; masking schemes hide by role
 * @param tokensPerTrial tokens a trial has of this modality (time bins, or 1 for static ones)
 * @param width          values per token, or {@link #PER_SESSION} when each session has its own width
 * @param classes        number of classes of a categorical modality, else 0
 */
public record ModalitySpec(String name, Kind kind, Role role, int tokensPerTrial, int width, int classes) {

    /** {@link #width()} of a modality whose width differs per session (e.g. neurons). */
    public static final int PER_SESSION = -1;

    public enum Kind { NEURAL_COUNTS, DYNAMIC_CONTINUOUS, STATIC_CATEGORICAL }

    public enum Role { NEURAL, BEHAVIOURAL }

    public ModalitySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        if (name.isBlank()) {
            throw new IllegalArgumentException("modality name is blank");
        }
        if (tokensPerTrial < 1) {
            throw new IllegalArgumentException("modality " + name + ": tokensPerTrial must be ≥ 1, got " + tokensPerTrial);
        }
        if (width < 1 && width != PER_SESSION) {
            throw new IllegalArgumentException("modality " + name + ": width must be ≥ 1 or PER_SESSION, got " + width);
        }
        if (kind == Kind.STATIC_CATEGORICAL) {
            if (classes < 2 || tokensPerTrial != 1 || width != 1) {
                throw new IllegalArgumentException("categorical modality " + name
                        + " needs ≥ 2 classes, 1 token and width 1");
            }
        } else if (classes != 0) {
            throw new IllegalArgumentException("modality " + name + " is not categorical but has " + classes + " classes");
        }
    }

    /** Spike counts per time bin, one value per neuron of the session. */
    public static ModalitySpec neuralCounts(String name, int bins) {
        return new ModalitySpec(name, Kind.NEURAL_COUNTS, Role.NEURAL, bins, PER_SESSION, 0);
    }

    /** A continuous behaviour sampled per time bin (e.g. wheel speed). */
    public static ModalitySpec dynamicBehaviour(String name, int bins) {
        return new ModalitySpec(name, Kind.DYNAMIC_CONTINUOUS, Role.BEHAVIOURAL, bins, 1, 0);
    }

    /** A categorical behaviour with one value per trial (e.g. choice). */
    public static ModalitySpec staticBehaviour(String name, int classes) {
        return new ModalitySpec(name, Kind.STATIC_CATEGORICAL, Role.BEHAVIOURAL, 1, 1, classes);
    }

    public boolean isNeural() {
        return role == Role.NEURAL;
    }

    public boolean isStatic() {
        return kind == Kind.STATIC_CATEGORICAL;
    }

    public boolean perSessionWidth() {
        return width == PER_SESSION;
    }
}
