package org.nedsj.trainer.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nedsj.model.SessionTable;
import org.nedsj.spi.SessionInfo;

import java.io.IOException;
import java.nio.file.Path;

/** {@code sessions.json}: the model's session table (row order = per-session parameter rows). */
public final class SessionTableFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionTableFile() {
    }

    public static void write(Path file, SessionTable table) throws IOException {
        ArrayNode sessions = JSON.createArrayNode();
        for (SessionInfo s : table.sessions()) {
            ObjectNode n = sessions.addObject();
            n.put("id", s.id());
            n.put("neurons", s.neurons());
            n.put("train_trials", s.trainTrials());
            n.put("val_trials", s.valTrials());
            n.put("test_trials", s.testTrials());
            n.put("source", s.source());
        }
        RunDirectory.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sessions) + "\n");
    }
}
