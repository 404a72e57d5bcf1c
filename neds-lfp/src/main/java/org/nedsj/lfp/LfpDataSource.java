package org.nedsj.lfp;

import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;
import org.nedsj.spi.SessionInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prepared sessions with their LFP features, as a {@link DataSource}. */
final class LfpDataSource implements DataSource {

    private final List<ModalitySpec> modalities;
    private final Map<String, SessionData> sessions = new LinkedHashMap<>();
    private final String fingerprint;

    LfpDataSource(List<ModalitySpec> modalities, List<SessionData> sessions, String fingerprint) {
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
