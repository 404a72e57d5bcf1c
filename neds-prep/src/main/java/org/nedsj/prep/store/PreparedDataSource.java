package org.nedsj.prep.store;

import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepared sessions (memory-mapped or in memory) as a {@link DataSource}; also the holder of a plugin's sessions
 * that extend the prepared ones (the LFP plugin's sessions with their band-power features).
 */
public final class PreparedDataSource implements DataSource {

    private final List<ModalitySpec> modalities;
    private final Map<String, SessionData> sessions = new LinkedHashMap<>();
    private final String fingerprint;

    public PreparedDataSource(List<ModalitySpec> modalities, List<? extends SessionData> sessions, String fingerprint) {
        this.modalities = List.copyOf(modalities);
        sessions.forEach(s -> this.sessions.put(s.info().id(), s));
        this.fingerprint = fingerprint;
    }

    @Override
    public List<ModalitySpec> modalities() {
        return modalities;
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions.values().stream().map(SessionData::info).toList();
    }

    @Override
    public SessionData session(String sessionId) {
        SessionData s = sessions.get(sessionId);
        if (s == null) {
            throw new IllegalArgumentException("unknown session " + sessionId + "; this data source has " + sessions.keySet());
        }
        return s;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
