package org.nedsj.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nedsj.eval.ConfusionCounts;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.ExampleTrace;
import org.nedsj.eval.ReducedRankChoice;
import org.nedsj.eval.ReducedRankResult;
import org.nedsj.eval.ScoreTable;
import org.nedsj.eval.ScoreTable.SchemeScores;
import org.nedsj.spi.Split;

/**
 * {@code report.json}: the keys of DESIGN.md ({@code run, split, mean, sessions, baselines}) with
 * scalar metric maps, plus {@code schemes}, {@code reduced_rank} (when the reduced-rank decoder was fitted),
 * {@code paired_differences} (the model minus the baselines with paired-bootstrap intervals, {@link PairedDifferencesJson}), {@code details} (confusion matrices and per-neuron bits
 * per spike, for the model and the baselines), {@code examples} and {@code provenance}. A metric that
 * is undefined (NaN) is written as {@code null}.
 */
public final class ReportJson {

    static final String REDUCED_RANK = "reduced_rank";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String write(EvaluationReport report, Map<String, String> provenance) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("run", runOf(report, provenance));
        root.put("split", report.split().name().toLowerCase());
        report.schemes().forEach(root.putArray("schemes")::add);
        root.set("mean", metricsBySchemes(report.model().mean()));
        root.set("sessions", sessions(report.model()));
        ObjectNode baselines = root.putObject("baselines");
        baselines.set("mean", metricsBySchemes(report.baselines().mean()));
        baselines.set("sessions", sessions(report.baselines()));
        if (!report.reducedRank().isEmpty()) {
            root.set(REDUCED_RANK, reducedRank(report.reducedRank()));
        }
        if (!report.paired().isEmpty()) {
            root.set(PairedDifferencesJson.KEY, PairedDifferencesJson.write(report.paired()));
        }
        ObjectNode details = root.putObject("details");
        details.set("model", details(report.model()));
        details.set("baselines", details(report.baselines()));
        ArrayNode examples = root.putArray("examples");
        for (ExampleTrace e : report.examples()) {
            ObjectNode n = examples.addObject();
            n.put("session", e.sessionId());
            n.put("trial", e.trial());
            n.put("modality", e.modality());
            n.put("channel", e.channel());
            n.set("truth", floats(e.truth()));
            n.set("model", floats(e.model()));
            if (e.baseline() != null) {
                n.set("baseline", floats(e.baseline()));
            }
        }
        ObjectNode prov = root.putObject("provenance");
        provenance.forEach(prov::put);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not render report.json", e);
        }
    }

    static String runOf(EvaluationReport report, Map<String, String> provenance) {
        return report.run() != null ? report.run() : provenance.getOrDefault("run", "");
    }

    /** Reads a report written by {@link #write}. */
    public static EvaluationReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        for (String key : List.of("run", "split", "schemes", "mean", "sessions", "baselines")) {
            if (!root.has(key)) {
                throw new IOException(file + " has no key '" + key + "': it is not a neds-eval report.json");
            }
        }
        JsonNode details = root.path("details");
        ScoreTable model = table(root.get("sessions"), details.path("model"));
        ScoreTable baselines = table(root.get("baselines").path("sessions"), details.path("baselines"));
        var schemes = new ArrayList<String>();
        root.get("schemes").forEach(n -> schemes.add(n.asText()));
        var examples = new ArrayList<ExampleTrace>();
        root.path("examples").forEach(n -> examples.add(new ExampleTrace(n.get("session").asText(), n.get("trial").asInt(),
                n.get("modality").asText(), n.get("channel").asInt(), floatsOf(n.get("truth")), floatsOf(n.get("model")),
                n.has("baseline") ? floatsOf(n.get("baseline")) : null)));
        String run = root.get("run").asText();
        return new EvaluationReport(run.isEmpty() ? null : run, Split.parse(root.get("split").asText()), schemes,
                model.sessionIds(), model, baselines, examples, reducedRankOf(root.path(REDUCED_RANK)),
                PairedDifferencesJson.read(root.path(PairedDifferencesJson.KEY)));
    }

    /** {@code mean} and {@code sessions} as for the baselines, and {@code choices}: per behaviour its rank and λ. */
    private static ObjectNode reducedRank(ReducedRankResult result) {
        ObjectNode out = MAPPER.createObjectNode();
        out.set("mean", metricsBySchemes(result.scores().mean()));
        out.set("sessions", sessions(result.scores()));
        ObjectNode choices = out.putObject("choices");
        result.choices().forEach((name, c) -> {
            ObjectNode n = choices.putObject(name);
            n.put("rank", c.rank());
            n.put("penalty", c.penalty());
            putNumber(n, "validation_mse", c.validationError());
            n.put("sessions", c.sessions());
        });
        return out;
    }

    private static ReducedRankResult reducedRankOf(JsonNode node) {
        if (node.isMissingNode()) {
            return ReducedRankResult.empty();
        }
        var choices = new LinkedHashMap<String, ReducedRankChoice>();
        node.path("choices").fields().forEachRemaining(c -> choices.put(c.getKey(), new ReducedRankChoice(
                c.getValue().path("rank").asInt(), c.getValue().path("penalty").asDouble(),
                c.getValue().path("validation_mse").isNumber() ? c.getValue().get("validation_mse").asDouble() : Double.NaN,
                c.getValue().path("sessions").asInt())));
        return new ReducedRankResult(table(node.path("sessions"), MAPPER.createObjectNode()), choices);
    }

    private static ObjectNode metricsBySchemes(Map<String, Map<String, Double>> bySchemes) {
        ObjectNode out = MAPPER.createObjectNode();
        bySchemes.forEach((scheme, metrics) -> {
            ObjectNode s = out.putObject(scheme);
            metrics.forEach((k, v) -> putNumber(s, k, v));
        });
        return out;
    }

    private static ObjectNode sessions(ScoreTable table) {
        ObjectNode out = MAPPER.createObjectNode();
        table.sessions().forEach((session, bySchemes) -> out.set(session, metricsBySchemes(bySchemes)));
        return out;
    }

    private static ObjectNode details(ScoreTable table) {
        ObjectNode confusion = MAPPER.createObjectNode();
        ObjectNode neurons = MAPPER.createObjectNode();
        for (String session : table.sessionIds()) {
            for (String scheme : table.schemes()) {
                table.get(session, scheme).ifPresent(s -> {
                    s.confusion().forEach((m, c) -> {
                        ArrayNode rows = with(with(confusion, session), scheme).putArray(m);
                        for (long[] row : c.counts()) {
                            ArrayNode r = rows.addArray();
                            for (long v : row) {
                                r.add(v);
                            }
                        }
                    });
                    s.neuronBitsPerSpike().forEach((m, v) -> with(with(neurons, session), scheme).set(m, doubles(v)));
                });
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("confusion", confusion);
        out.set("neuron_bps", neurons);
        return out;
    }

    private static ObjectNode with(ObjectNode parent, String key) {
        return parent.has(key) ? (ObjectNode) parent.get(key) : parent.putObject(key);
    }

    private static ScoreTable table(JsonNode sessions, JsonNode details) {
        ScoreTable.Builder b = ScoreTable.builder();
        sessions.fields().forEachRemaining(s -> s.getValue().fields().forEachRemaining(scheme -> {
            var metrics = new LinkedHashMap<String, Double>();
            scheme.getValue().fields().forEachRemaining(m -> metrics.put(m.getKey(),
                    m.getValue().isNull() ? Double.NaN : m.getValue().asDouble()));
            var confusion = new LinkedHashMap<String, ConfusionCounts>();
            details.path("confusion").path(s.getKey()).path(scheme.getKey()).fields().forEachRemaining(c -> {
                long[][] counts = new long[c.getValue().size()][];
                for (int i = 0; i < counts.length; i++) {
                    JsonNode row = c.getValue().get(i);
                    counts[i] = new long[row.size()];
                    for (int j = 0; j < counts[i].length; j++) {
                        counts[i][j] = row.get(j).asLong();
                    }
                }
                confusion.put(c.getKey(), new ConfusionCounts(counts));
            });
            var neurons = new LinkedHashMap<String, double[]>();
            details.path("neuron_bps").path(s.getKey()).path(scheme.getKey()).fields().forEachRemaining(n ->
                    neurons.put(n.getKey(), doublesOf(n.getValue())));
            b.put(s.getKey(), scheme.getKey(), new SchemeScores(metrics, confusion, neurons));
        }));
        return b.build();
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static ArrayNode doubles(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    private static ArrayNode floats(float[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (float v : values) {
            if (Float.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    private static double[] doublesOf(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return out;
    }

    private static float[] floatsOf(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).isNull() ? Float.NaN : (float) array.get(i).asDouble();
        }
        return out;
    }
}
