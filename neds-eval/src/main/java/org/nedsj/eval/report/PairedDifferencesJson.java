package org.nedsj.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nedsj.eval.PairedDifferences;
import org.nedsj.eval.PairedDifferences.Interval;

/**
 * {@code paired_differences} of {@code report.json}: {@code resamples}, {@code level}, and under {@code mean} (scheme →
 * key) and {@code sessions} (session → scheme → key) each figure's {@code difference} (model − baseline), {@code lower}
 * and {@code upper}; null where undefined.
 */
public final class PairedDifferencesJson {

    static final String KEY = "paired_differences";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PairedDifferencesJson() {
    }

    public static ObjectNode write(PairedDifferences p) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("resamples", p.resamples());
        out.put("level", p.level());
        out.set("mean", bySchemes(p.mean()));
        ObjectNode sessions = out.putObject("sessions");
        p.sessions().forEach((id, bySchemes) -> sessions.set(id, bySchemes(bySchemes)));
        return out;
    }

    /** One scheme → key → interval map as JSON, e.g. one session's. */
    public static ObjectNode bySchemes(Map<String, Map<String, Interval>> bySchemes) {
        ObjectNode out = MAPPER.createObjectNode();
        bySchemes.forEach((scheme, keys) -> {
            ObjectNode s = out.putObject(scheme);
            keys.forEach((key, i) -> {
                ObjectNode n = s.putObject(key);
                number(n, "difference", i.difference());
                number(n, "lower", i.lower());
                number(n, "upper", i.upper());
            });
        });
        return out;
    }

    /** Reads what {@link #write} wrote; empty when the report has none (written before it had them). */
    static PairedDifferences read(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return PairedDifferences.empty();
        }
        var sessions = new LinkedHashMap<String, Map<String, Map<String, Interval>>>();
        node.path("sessions").fields().forEachRemaining(s -> sessions.put(s.getKey(), bySchemesOf(s.getValue())));
        return new PairedDifferences(node.path("resamples").asInt(), node.path("level").asDouble(0.95),
                bySchemesOf(node.path("mean")), sessions);
    }

    private static Map<String, Map<String, Interval>> bySchemesOf(JsonNode node) {
        var out = new LinkedHashMap<String, Map<String, Interval>>();
        node.fields().forEachRemaining(scheme -> {
            var keys = new LinkedHashMap<String, Interval>();
            scheme.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), new Interval(
                    numberOf(k.getValue(), "difference"), numberOf(k.getValue(), "lower"), numberOf(k.getValue(), "upper"))));
            out.put(scheme.getKey(), keys);
        });
        return out;
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static double numberOf(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
