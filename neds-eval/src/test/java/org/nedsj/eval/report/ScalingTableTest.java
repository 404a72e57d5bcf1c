package org.nedsj.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.FakePredictor;

class ScalingTableTest {

    @TempDir
    Path dir;

    @Test
    void oneRowPerPretrainingSetSizeWithTheBaselinesAsReferenceRowsAndOneChartPerMetric() throws IOException {
        // the same held-out sessions evaluated after two pretraining-set sizes: a worse and a perfect model
        EvaluationReport worse = ReportFixtures.report(FakePredictor.Mode.ZEROS_AND_TRUE_RATES, List.of());
        EvaluationReport perfect = ReportFixtures.report(FakePredictor.Mode.TRUTH_AND_MEAN_RATES, List.of());
        var table = new ScalingTable(List.of(new ScalingTable.Point(List.of("a"), worse),
                new ScalingTable.Point(List.of("a", "b"), perfect)), List.of("synthetic-0", "synthetic-1"));
        assertEquals(1.0, table.value(2, "decoding/wheel.r2"), 1e-12);
        assertEquals(worse.mean().get("decoding").get("wheel.r2"), table.value(1, "decoding/wheel.r2"), 1e-12);

        List<Path> files = table.write(dir);
        assertEquals(List.of(dir.resolve(ScalingTable.TEXT), dir.resolve(ScalingTable.CSV), dir.resolve(ScalingTable.HTML)), files);
        List<String> csv = Files.readAllLines(dir.resolve(ScalingTable.CSV));
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals("pretraining_sessions", header.get(0));
        assertEquals(table.columns(), header.subList(1, header.size()));
        int wheel = header.indexOf("decoding/wheel.r2");
        assertEquals("1.000000", csv.get(2).split(",")[wheel]);
        assertTrue(csv.get(1).startsWith("1,") && csv.get(2).startsWith("2,"), csv.toString());
        // reference rows: the per-session baselines and the reduced-rank decoder, which has no categorical metrics
        String[] baseline = csv.get(3).split(",", -1);
        String[] reducedRank = csv.get(4).split(",", -1);
        assertEquals("\"" + ScalingTable.BASELINE_ROW + "\"", baseline[0]);
        assertEquals("\"" + ScalingTable.REDUCED_RANK_ROW + "\"", reducedRank[0]);
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", perfect.reducedRank().scores().mean().get("decoding").get("wheel.r2")),
                reducedRank[wheel]);
        assertEquals("", reducedRank[header.indexOf("decoding/choice.accuracy")]);
        assertTrue(!baseline[header.indexOf("decoding/choice.accuracy")].isEmpty());

        String html = Files.readString(dir.resolve(ScalingTable.HTML));
        assertEquals(table.columns().size(), Pattern.compile("<svg").matcher(html).results().count());
        String text = Files.readString(dir.resolve(ScalingTable.TEXT));
        assertTrue(text.contains("1: a\n2: a, b\n"), text);
        assertTrue(text.contains(ScalingTable.REDUCED_RANK_ROW), text);
        // the second point paired with the first on the same held-out trials: wheel R² better beyond its interval
        assertTrue(text.contains("Paired with 1 session on the same test trials"), text);
        assertTrue(Pattern.compile("decoding/wheel\\.r2\\s+\\+\\d\\.\\d{4} \\[\\+\\d\\.\\d{4}, \\+\\d\\.\\d{4}\\] ▲").matcher(text).find(), text);
        String difference = csv.stream().filter(l -> l.startsWith("2 sessions − 1 session difference,")).findFirst().orElseThrow();
        assertEquals(1.0 - table.value(1, "decoding/wheel.r2"), Double.parseDouble(difference.split(",", -1)[wheel]), 1e-9);
    }

    @Test
    void anEmptyTableIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScalingTable(List.of(), List.of("s")));
    }
}
