package org.nedsj.prep.store;

import org.nedsj.prep.align.SessionSummary;

import java.nio.file.Path;
import java.util.List;

/**
 * What preparing a dataset did ({@link DatasetWriter#write}).
 *
 * @param out         the dataset folder
 * @param fingerprint the dataset's fingerprint (as in the manifest)
 * @param sessions    each prepared session: whether it was reused and what was kept and dropped
 * @param skipped     session folders found but not prepared, with the reason
 */
public record PrepareResult(Path out, String fingerprint, List<SessionOutcome> sessions, List<Manifest.Skipped> skipped) {

    public PrepareResult {
        sessions = List.copyOf(sessions);
        skipped = List.copyOf(skipped);
    }

    /** @param reused true when the session was unchanged and its prepared files were kept */
    public record SessionOutcome(String id, boolean reused, SessionSummary summary) {
    }

    public SessionOutcome session(String id) {
        return sessions.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no prepared session " + id));
    }

    /** One line per session and per skipped folder. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (SessionOutcome o : sessions) {
            s.append(o.summary().describe(o.reused())).append('\n');
        }
        for (Manifest.Skipped k : skipped) {
            s.append("skipped ").append(k.alfPath()).append(": ").append(k.reason()).append('\n');
        }
        return s.toString();
    }
}
