package org.nedsj.spi;

import java.util.Map;

/**
 * What {@link ArrayDecoder#fitSessionReadout} did: each session's chosen penalty (absent where the
 * readout it had was kept; where the fit chose per output, the penalty most outputs took), the decoder's
 * mean loss on the validation tokens with the readout it had and with the fitted one, whether the fit
 * changed the readout of any session, the name of that loss, and a line per session saying what the fit
 * chose where one penalty does not say it.
 */
public record ReadoutFit(Map<Integer, Double> penalties, double validationLossBefore, double validationLossAfter,
                         boolean kept, String loss, Map<Integer, String> notes) {

    public ReadoutFit {
        penalties = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(penalties));
        notes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notes));
    }

    /** A fit judged by cross-entropy, one penalty per session. */
    public ReadoutFit(Map<Integer, Double> penalties, double validationLossBefore, double validationLossAfter,
                      boolean kept) {
        this(penalties, validationLossBefore, validationLossAfter, kept, "cross-entropy", Map.of());
    }
}
