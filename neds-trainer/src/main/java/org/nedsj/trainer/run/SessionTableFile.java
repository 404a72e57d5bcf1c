package org.nedsj.trainer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nedsj.model.SessionTable;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.SessionInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sessions.json}: the model's session table (row order = per-session parameter rows), with
 * the unit ids of each session's neuron columns where the data knew them.
 */
public final class SessionTableFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionTableFile() {
    }

    public static void write(Path file, SessionTable table) throws IOException {
        write(file, table, Map.of());
    }

    /** @param units unit ids by session id (sessions without an entry are written without them) */
    public static void write(Path file, SessionTable table, Map<String, long[]> units) throws IOException {
        ArrayNode sessions = JSON.createArrayNode();
        for (SessionInfo s : table.sessions()) {
            ObjectNode n = sessions.addObject();
            n.put("id", s.id());
            n.put("neurons", s.neurons());
            n.put("train_trials", s.trainTrials());
            n.put("val_trials", s.valTrials());
            n.put("test_trials", s.testTrials());
            n.put("source", s.source());
            if (units.containsKey(s.id())) {
                ArrayNode ids = n.putArray("units");
                for (long id : units.get(s.id())) {
                    ids.add(id);
                }
            }
        }
        RunDirectory.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sessions) + "\n");
    }

    /** The unit ids of the data's sessions that know them. */
    public static Map<String, long[]> unitsOf(DataSource data, Iterable<SessionInfo> sessions) {
        Map<String, long[]> units = new LinkedHashMap<>();
        for (SessionInfo s : sessions) {
            data.session(s.id()).unitIds().ifPresent(ids -> units.put(s.id(), ids));
        }
        return units;
    }

    /** The unit ids recorded in {@code file}, by session; empty for runs written before they were recorded. */
    public static Map<String, long[]> readUnits(Path file) throws IOException {
        Map<String, long[]> units = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return units;
        }
        for (JsonNode s : JSON.readTree(file.toFile())) {
            JsonNode ids = s.get("units");
            if (ids != null && ids.isArray()) {
                long[] values = new long[ids.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = ids.get(i).asLong();
                }
                units.put(s.get("id").asText(), values);
            }
        }
        return units;
    }
}
