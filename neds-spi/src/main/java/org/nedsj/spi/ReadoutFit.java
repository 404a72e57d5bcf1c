package org.nedsj.spi;

import java.util.Map;

/**
 * What {@link ArrayDecoder#fitSessionReadout} did: each session's chosen penalty (absent where the
 * shared readout was kept), the decoder's mean loss on the validation tokens with the readout it had
 * and with the fitted one, and whether the fit changed the readout of any session.
 */
public record ReadoutFit(Map<Integer, Double> penalties, double validationLossBefore, double validationLossAfter,
                         boolean kept) {

    public ReadoutFit {
        penalties = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(penalties));
    }
}
