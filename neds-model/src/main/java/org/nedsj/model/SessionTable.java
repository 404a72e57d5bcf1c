package org.nedsj.model;

import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions a model was built for, in order: row s of every per-session parameter belongs to
 * session s. Appending sessions (fine-tuning) keeps the rows of the existing ones.
 */
public final class SessionTable {

    private final List<SessionInfo> sessions;
    private final Map<String, Integer> index = new HashMap<>();

    public SessionTable(List<SessionInfo> sessions) {
        this.sessions = List.copyOf(sessions);
        for (int i = 0; i < this.sessions.size(); i++) {
            if (index.put(this.sessions.get(i).id(), i) != null) {
                throw new IllegalArgumentException("session " + this.sessions.get(i).id() + " appears twice");
            }
        }
        if (this.sessions.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one session");
        }
    }

    public int size() {
        return sessions.size();
    }

    public List<SessionInfo> sessions() {
        return sessions;
    }

    public SessionInfo get(int i) {
        return sessions.get(i);
    }

    public boolean contains(String id) {
        return index.containsKey(id);
    }

    public int indexOf(String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("session " + id + " is not in the model's session table " + index.keySet()
                    + "; add it by fine-tuning (neds finetune)");
        }
        return i;
    }

    /** The modality's width in every session. */
    public int[] widths(ModalitySpec modality) {
        int[] w = new int[sessions.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = sessions.get(i).width(modality);
        }
        return w;
    }

    /** This table followed by the sessions of {@code added} it does not have yet. */
    public SessionTable plus(List<SessionInfo> added) {
        List<SessionInfo> all = new ArrayList<>(sessions);
        for (SessionInfo s : added) {
            if (!index.containsKey(s.id())) {
                all.add(s);
            }
        }
        return new SessionTable(all);
    }
}
