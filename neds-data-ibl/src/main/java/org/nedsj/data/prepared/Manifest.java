package org.nedsj.data.prepared;

import org.nedsj.data.align.SessionSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DATA/manifest.json}: the sessions of a prepared dataset, where they came from, what was
 * kept, the preprocessing config and the fingerprints that decide whether a session is reused.
 *
 * @param format      the layout version, {@value #FORMAT}
 * @param alfRoot     the ALF/ONE root it was prepared from
 * @param fingerprint digest over the config and every session's fingerprint
 * @param bins        bins per trial
 * @param config      the preprocessing config ({@code data.ibl})
 * @param sessions    the prepared sessions, sorted by id
 * @param skipped     session folders found but not prepared, with the reason
 */
public record Manifest(String format, String alfRoot, String fingerprint, int bins, Map<String, Object> config,
                       List<Entry> sessions, List<Skipped> skipped) {

    public static final String FORMAT = "neds-prepared/1";

    public Manifest {
        sessions = List.copyOf(sessions);
        skipped = List.copyOf(skipped);
    }

    /**
     * One prepared session.
     *
     * @param id          the session id, also its folder name
     * @param alfPath     the ALF session folder
     * @param fingerprint digest of the input files (path, size, modification time) and the config
     * @param trials      trials kept
     * @param neurons     units kept
     * @param inputs      the files it was prepared from
     * @param summary     what was kept and dropped, and why
     */
    public record Entry(String id, String alfPath, String fingerprint, int trials, int neurons, List<String> inputs,
                        SessionSummary summary) {
        public Entry {
            inputs = List.copyOf(inputs);
        }
    }

    /** A session folder that was not prepared, and why. */
    public record Skipped(String alfPath, String reason) {
    }

    public Optional<Entry> session(String id) {
        return sessions.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
