package org.nedsj.trainer.train;

import org.nedsj.model.ModalityBinding;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.util.List;
import java.util.Map;

/**
 * Starts each session's per-session decoder parameters from its training data
 * ({@link org.nedsj.spi.ModalityDecoder#sessionStart}): the mean of every channel of every
 * non-static modality over the session's training trials, handed to that modality's decoder.
 */
final class SessionStarts {

    private SessionStarts() {
    }

    static void apply(NedsModel model, DataSource data, List<SessionInfo> sessions) {
        for (SessionInfo info : sessions) {
            int row = model.sessions().indexOf(info.id());
            SessionData session = data.session(info.id());
            for (ModalityBinding m : model.modalities()) {
                if (m.spec().isStatic()) {
                    continue;
                }
                Map<String, float[]> start = m.decoder().sessionStart(channelMeans(session, m.spec(), info));
                if (!start.isEmpty()) {
                    model.startSession(row, m.name(), start);
                }
            }
        }
    }

    /** Each channel's mean over the tokens of the session's training trials. */
    static double[] channelMeans(SessionData session, ModalitySpec spec, SessionInfo info) {
        int width = info.width(spec);
        int tokens = spec.tokensPerTrial();
        double[] sum = new double[width];
        float[] trial = new float[tokens * width];
        long rows = 0;
        for (int t = 0; t < session.trialCount(); t++) {
            if (session.split(t) != Split.TRAIN) {
                continue;
            }
            session.copyTrial(spec.name(), t, trial, 0, width);
            for (int k = 0; k < trial.length; k++) {
                sum[k % width] += trial[k];
            }
            rows += tokens;
        }
        for (int c = 0; c < width; c++) {
            sum[c] = rows > 0 ? sum[c] / rows : 0;
        }
        return sum;
    }
}
