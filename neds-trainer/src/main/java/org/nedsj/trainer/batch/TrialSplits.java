package org.nedsj.trainer.batch;

import org.nedsj.model.SessionTable;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trials of one split, per session of a model's session table. */
public final class TrialSplits {

    private TrialSplits() {
    }

    /** For every session of {@code sessions}, its trials in {@code split}, in row order. */
    public static Map<String, List<TrialRef>> of(DataSource data, SessionTable table, List<SessionInfo> sessions, Split split) {
        Map<String, List<TrialRef>> refs = new LinkedHashMap<>();
        for (SessionInfo s : sessions) {
            SessionData session = data.session(s.id());
            int row = table.indexOf(s.id());
            List<TrialRef> trials = new ArrayList<>();
            for (int t = 0; t < session.trialCount(); t++) {
                if (session.split(t) == split) {
                    trials.add(new TrialRef(row, s.id(), t));
                }
            }
            refs.put(s.id(), trials);
        }
        return refs;
    }
}
