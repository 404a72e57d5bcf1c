package org.nedsj.spi;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What the model offers a {@link ModalityEncoder} or {@link ModalityDecoder} while it builds the
 * SameDiff graph for one modality. Parameters made here are owned and trained by the model, named
 * under the modality's scope, and saved with it.
 *
 * <p>Per-session parameters have the session as their first axis ({@code [S, …]}) and are picked
 * per trial with {@link #forSession} (one-hot × matrix, which trains correctly where
 * {@code gather} does not in this ND4J release). Adding sessions to a trained model adds rows.
 */
public interface TokenGraph {

    SameDiff sd();

    /** The modality being built. */
    ModalitySpec modality();

    /** The transformer's hidden size H: encoders return and decoders receive {@code [B, tokens, H]}. */
    int hiddenSize();

    /** Sessions S in the model's session table. */
    int sessionCount();

    /** This modality's width in each session of the table (all equal for fixed-width modalities). */
    int[] sessionWidths();

    /** Width of this modality's input values: the widest session (padding is zero). */
    int width();

    /** {@code [B, S]}: one-hot row of each trial's session. */
    SDVariable sessionOneHot();

    /** {@code [B, width]}: 1 where the trial's session has that column, 0 on padding. */
    SDVariable widthMask();

    /** Picks each trial's row of a per-session table: {@code [S, a, b] → [B, a, b]} (also rank 2 → rank 2). */
    SDVariable forSession(SDVariable perSession);

    /** A shared weight, decayed, initialised U(±1/√fanIn). */
    SDVariable weight(String name, long fanIn, long... shape);

    /** A shared bias or gain, not decayed, initialised to {@code value}. */
    SDVariable bias(String name, double value, long... shape);

    /**
     * A per-session weight {@code [S, shape…]}, decayed; session s's slice is initialised
     * U(±1/√fanIn[s]). Entries of a session's padding columns are zero.
     */
    SDVariable sessionWeight(String name, int[] fanIn, long... shape);

    /** A per-session bias {@code [S, shape…]}, not decayed, initialised to zero. */
    SDVariable sessionBias(String name, long... shape);

    /** Inverted dropout during training, identity during evaluation; the identity itself when rate is 0. */
    SDVariable dropout(SDVariable x, double rate);

    /** A name under this modality's scope, for intermediate variables. */
    String name(String local);
}
