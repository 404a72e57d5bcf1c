package org.nedsj.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a model predicted for some trials of one session under one masking scheme, per modality.
 *
 * @param sessionId  the session
 * @param scheme     the masking scheme's name, e.g. {@code encoding}
 * @param trials     rows of the session, in the order of every modality's arrays
 * @param modalities predictions by modality name; a modality the model did not predict may be absent
 */
public record TaskPredictions(String sessionId, String scheme, int[] trials, Map<String, ModalityPredictions> modalities) {

    public TaskPredictions {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(trials, "trials");
        for (var e : modalities.entrySet()) {
            ModalityPredictions p = e.getValue();
            if (!e.getKey().equals(p.modality().name())) {
                throw new IllegalArgumentException("predictions of session " + sessionId + " under " + scheme
                        + ": key " + e.getKey() + " holds modality " + p.modality().name());
            }
            if (p.trials() != trials.length) {
                throw new IllegalArgumentException("predictions of session " + sessionId + " under " + scheme
                        + ": modality " + e.getKey() + " has " + p.trials() + " trials, expected " + trials.length);
            }
        }
        modalities = Collections.unmodifiableMap(new LinkedHashMap<>(modalities));
    }
}
