package org.nedsj.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.EvaluationSettings;
import org.nedsj.eval.Evaluator;
import org.nedsj.eval.FakePredictor;
import org.nedsj.eval.PairedBootstrapSettings;
import org.nedsj.eval.ScoreTable;
import org.nedsj.eval.ScoreTable.SchemeScores;
import org.nedsj.eval.SyntheticSessions;
import org.nedsj.spi.Split;

class AblationTableTest {

    @TempDir
    Path dir;

    private static EvaluationReport report(double bps, double nll, double r2) {
        ScoreTable.Builder b = ScoreTable.builder();
        b.put("s1", "encoding", new SchemeScores(metrics("spikes.bps", bps, "spikes.poisson_nll", nll), Map.of(), Map.of()));
        b.put("s1", "decoding", new SchemeScores(Map.of("wheel.r2", r2), Map.of(), Map.of()));
        ScoreTable.Builder base = ScoreTable.builder();
        base.put("s1", "encoding", new SchemeScores(metrics("spikes.bps", 0.01, "spikes.poisson_nll", 0.9), Map.of(), Map.of()));
        return new EvaluationReport("run", Split.TEST, List.of("encoding", "decoding"), List.of("s1"), b.build(),
                base.build(), List.of());
    }

    private static Map<String, Double> metrics(String k1, double v1, String k2, double v2) {
        var m = new java.util.LinkedHashMap<String, Double>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static AblationTable table() {
        return new AblationTable(List.of(
                new AblationTable.Row("encoding,decoding", report(0.10, 0.50, 0.40)),
                new AblationTable.Row("mixed", report(0.15, 0.55, 0.35))));
    }

    @Test
    void marksTheBestOfEachColumnHigherOrLowerAsTheMetricWants() {
        AblationTable t = table();
        assertEquals(List.of("encoding/spikes.bps", "encoding/spikes.poisson_nll", "decoding/wheel.r2"), t.columns());
        Map<String, String> best = t.best();
        assertEquals("mixed", best.get("encoding/spikes.bps"));
        assertEquals("encoding,decoding", best.get("encoding/spikes.poisson_nll"));
        assertEquals("encoding,decoding", best.get("decoding/wheel.r2"));
    }

    @Test
    void writesTextCsvAndHtml() throws IOException {
        List<Path> files = table().write(dir.resolve("ablation"));
        assertEquals(3, files.size());
        String csv = Files.readString(dir.resolve("ablation/ablation.csv"));
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("scheme_set,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("\"encoding,decoding\",0.1,0.5,0.4"), lines.get(1));
        assertTrue(lines.get(3).startsWith("\"linear baseline (reference, not ranked)\",0.01,0.9,"), lines.get(3));
        assertEquals("best,mixed,\"encoding,decoding\",\"encoding,decoding\"", lines.get(4));
        String text = Files.readString(dir.resolve("ablation/ablation.txt"));
        assertTrue(text.contains("*0.1500") && text.contains("*0.5000") && text.contains("*0.4000"), text);
        assertTrue(text.contains("0.1000") && !text.contains("*0.1000"), text);
        String html = Files.readString(dir.resolve("ablation/ablation.html"));
        assertEquals(3, html.split("class=\"num best\"", -1).length - 1);
    }

    /**
     * Two fakes evaluated on the same trials: true rates but behaviour at zero, against mean rates and true behaviour.
     * The second is paired with the first: better beyond the interval in bits per spike, worse in wheel R², and the
     * differences are those of the table's means.
     */
    @Test
    void laterSchemeSetsArePairedWithTheFirstOnTheSameTrials() throws IOException {
        EvaluationReport first = ReportFixtures.report(FakePredictor.Mode.TRUTH_AND_MEAN_RATES, List.of());
        EvaluationReport second = ReportFixtures.report(FakePredictor.Mode.ZEROS_AND_TRUE_RATES, List.of());
        AblationTable t = new AblationTable(List.of(new AblationTable.Row("mixed", first), new AblationTable.Row("decoding", second)));
        t.write(dir.resolve("paired"));

        String text = Files.readString(dir.resolve("paired/ablation.txt"));
        assertTrue(text.contains("Paired with mixed on the same test trials (95% interval, 2000 paired resamples"), text);
        assertTrue(java.util.regex.Pattern.compile("encoding/spikes\\.bps\\s+\\+0\\.\\d{4} \\[\\+0\\.\\d{4}, \\+0\\.\\d{4}\\] ▲")
                .matcher(text).find(), text);
        assertTrue(java.util.regex.Pattern.compile("decoding/wheel\\.r2\\s+-\\d\\.\\d{4} \\[-\\d\\.\\d{4}, -\\d\\.\\d{4}\\] ▼")
                .matcher(text).find(), text);
        List<String> csv = Files.readAllLines(dir.resolve("paired/ablation.csv"));
        String header = csv.get(0);
        String difference = csv.stream().filter(l -> l.startsWith("decoding − mixed difference,")).findFirst().orElseThrow();
        int column = List.of(header.split(",")).indexOf("decoding/wheel.r2");
        assertEquals(t.value("decoding", "decoding/wheel.r2") - t.value("mixed", "decoding/wheel.r2"),
                Double.parseDouble(difference.split(",")[column]), 1e-9);
        assertTrue(Files.readString(dir.resolve("paired/ablation.html")).contains("<h2>Paired with mixed</h2>"));
    }

    /** The pairing resamples as the evaluations were told to ({@code eval.paired-bootstrap}), none where they were told 0. */
    @Test
    void thePairingFollowsTheEvaluationsBootstrapSettings() {
        AblationTable ninety = pairedFakes(new PairedBootstrapSettings(400, 0.9, 3));
        assertTrue(ninety.text().contains("Paired with mixed on the same test trials (90% interval, 400 paired resamples"),
                ninety.text());
        assertFalse(pairedFakes(new PairedBootstrapSettings(0, 0.95, 1)).text().contains("Paired with"));
    }

    private static AblationTable pairedFakes(PairedBootstrapSettings bootstrap) {
        EvaluationSettings d = EvaluationSettings.defaults();
        var evaluator = new Evaluator(new EvaluationSettings(d.exampleTrials(), d.baselines(), d.reducedRank(), bootstrap));
        SyntheticSessions data = SyntheticSessions.create(2, 60, 30, 40, 3);
        List<AblationTable.Row> rows = new java.util.ArrayList<>();
        for (var mode : List.of(FakePredictor.Mode.TRUTH_AND_MEAN_RATES, FakePredictor.Mode.ZEROS_AND_TRUE_RATES)) {
            rows.add(new AblationTable.Row(rows.isEmpty() ? "mixed" : "decoding",
                    evaluator.evaluate(data, data.ids(), new FakePredictor(data, mode), List.of(), Split.TEST)));
        }
        return new AblationTable(rows);
    }

    @Test
    void reportsWithoutPerTrialStatisticsAreNotPaired() {
        assertFalse(table().text().contains("Paired with"));
    }

    @Test
    void duplicateSchemeSetsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AblationTable(List.of(
                new AblationTable.Row("mixed", report(0.1, 0.5, 0.4)), new AblationTable.Row("mixed", report(0.2, 0.5, 0.4)))));
        assertTrue(e.getMessage().contains("mixed"));
    }
}
