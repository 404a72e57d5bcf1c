package org.nedsj.eval;

import java.util.Arrays;
import java.util.List;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;

/**
 * Checks that a predictor answered the question asked: the session, scheme and trials requested,
 * modalities of the data source at the session's widths, and truth equal to the data source's values
 * (which catches trials returned in another order or from another session).
 */
final class PredictionCheck {

    private PredictionCheck() {
    }

    static void check(TaskPredictions p, SessionData session, int[] trials, String scheme, List<ModalitySpec> modalities) {
        String id = session.info().id();
        String where = "predictions for session " + id + " under scheme " + scheme;
        if (!p.sessionId().equals(id) || !p.scheme().equals(scheme)) {
            throw new IllegalStateException(where + " came back labelled session " + p.sessionId() + ", scheme "
                    + p.scheme() + ": the predictor must answer the session and scheme it was asked");
        }
        if (!Arrays.equals(p.trials(), trials)) {
            throw new IllegalStateException(where + " cover trials " + summary(p.trials()) + " but " + summary(trials)
                    + " were asked for, in that order");
        }
        for (ModalityPredictions mp : p.modalities().values()) {
            ModalitySpec spec = modalities.stream().filter(m -> m.name().equals(mp.modality().name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(where + " hold modality " + mp.modality().name()
                            + ", which the data source does not have; it has "
                            + modalities.stream().map(ModalitySpec::name).toList()));
            if (!spec.equals(mp.modality())) {
                throw new IllegalStateException(where + ": modality " + spec.name() + " is described as " + mp.modality()
                        + " but the data source describes it as " + spec);
            }
            int width = session.info().width(spec);
            if (mp.width() != width) {
                throw new IllegalStateException(where + ": modality " + spec.name() + " has width " + mp.width()
                        + " but the session's width is " + width + " (predictions must be unpadded)");
            }
            checkTruth(where, mp, session, trials, width);
        }
    }

    private static void checkTruth(String where, ModalityPredictions mp, SessionData session, int[] trials, int width) {
        ModalitySpec m = mp.modality();
        int perTrial = m.tokensPerTrial() * width;
        float[] expected = new float[perTrial];
        for (int i = 0; i < trials.length; i++) {
            session.copyTrial(m.name(), trials[i], expected, 0, width);
            for (int j = 0; j < perTrial; j++) {
                float actual = mp.truth()[i * perTrial + j];
                if (Float.compare(actual, expected[j]) != 0 && actual != expected[j]) {
                    throw new IllegalStateException(where + ": the truth of modality " + m.name() + " for trial "
                            + trials[i] + " differs from the data source at value " + j + " (" + actual + " vs "
                            + expected[j] + "); the predictor returned other trials or reordered them");
                }
            }
        }
    }

    private static String summary(int[] trials) {
        if (trials.length <= 8) {
            return Arrays.toString(trials);
        }
        return "[" + trials[0] + ", " + trials[1] + ", … " + trials[trials.length - 1] + "] (" + trials.length + ")";
    }
}
