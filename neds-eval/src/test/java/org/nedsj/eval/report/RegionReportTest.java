package org.nedsj.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.eval.regions.RegionAnalysis;
import org.nedsj.eval.regions.RegionScore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionReportTest {

    @Test
    void writesTheScoresConfusionAndProjection(@TempDir Path dir) throws Exception {
        RegionScore embedding = new RegionScore("input+output embedding", 64, 0.75, 0.7, List.of("CA1", "PO"),
                new long[][]{{5, 1}, {2, 4}}, 3);
        RegionScore firing = new RegionScore("firing statistics", 2, 0.5, 0.5, List.of("CA1", "PO"), new long[][]{{3, 3}, {3, 3}}, 3);
        RegionAnalysis a = new RegionAnalysis(Map.of("run", "r<1>"), Map.of("s1", Map.of("CA1", 6, "PO", 6)), List.of(embedding, firing),
                "input+output embedding", new double[][]{{0, 1, 2, 3}, {1, 0, 1, 0}}, List.of("CA1", "CA1", "PO", "PO"));
        List<Path> files = RegionReport.write(a, dir.resolve("report"));
        assertEquals(List.of("regions.html", "regions.json"), files.stream().map(f -> f.getFileName().toString()).sorted().toList());
        JsonNode json = new ObjectMapper().readTree(files.get(0).toFile());
        assertEquals(0.75, json.get("scores").get(0).get("accuracy").asDouble());
        assertEquals(6.0 / 12, json.get("scores").get(0).get("chance_accuracy").asDouble(), 1e-12);
        assertEquals(0.5, json.get("scores").get(1).get("chance_balanced_accuracy").asDouble(), 1e-12);
        assertEquals(4, json.get("scores").get(0).get("confusion").get(1).get(1).asLong());
        String html = Files.readString(files.get(1));
        assertTrue(html.contains("r&lt;1&gt;") && html.contains("<svg") && html.contains(">PO</th>") && html.contains("0.750"), html);
        try (var s = Files.list(dir.resolve("report"))) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }
}
