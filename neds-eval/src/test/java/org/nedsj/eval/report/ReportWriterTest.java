package org.nedsj.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.FakePredictor;

class ReportWriterTest {

    private static EvaluationReport report;

    @TempDir
    Path dir;

    @BeforeAll
    static void evaluate() {
        report = ReportFixtures.report(FakePredictor.Mode.TRUTH_AND_MEAN_RATES, List.of("random-token"));
    }

    @Test
    void writesTheThreeFilesAndNothingElse() throws IOException {
        Path out = dir.resolve("report");
        List<Path> files = new ReportWriter().write(report, ReportFixtures.provenance(), ReportFixtures.metricsCsv(dir, 5), out);
        assertEquals(List.of(out.resolve("report.json"), out.resolve("report.txt"), out.resolve("report.html")), files);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(3, s.count(), "temporary files left behind");
        }
    }

    @Test
    void reportJsonHasTheDesignKeysWithScalarMetricMaps() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), null, out);
        JsonNode root = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("runs/synthetic-test", root.get("run").asText());
        assertEquals("test", root.get("split").asText());
        assertEquals(0.0, root.at("/mean/encoding/spikes.bps").asDouble(), 0.0);
        assertEquals(1.0, root.at("/mean/decoding/wheel.r2").asDouble(), 1e-12);
        assertTrue(root.at("/mean/random-token/choice.accuracy").isNumber());
        assertTrue(root.at("/sessions/synthetic-0/decoding/block.accuracy").isNumber());
        assertTrue(root.at("/baselines/mean/encoding/spikes.bps").asDouble() > 0);
        assertTrue(root.at("/baselines/sessions/synthetic-1/decoding/wheel.r2").isNumber());
        for (JsonNode scheme : root.get("mean")) {
            scheme.forEach(v -> assertTrue(v.isNumber() || v.isNull(), "non-scalar metric " + v));
        }
        assertEquals(2, root.at("/details/model/confusion/synthetic-0/decoding/choice").size());
        assertEquals(30, root.at("/details/baselines/neuron_bps/synthetic-0/encoding/spikes").size());
        assertEquals("42", root.at("/provenance/seed").asText());
        assertEquals(6, root.get("examples").size());
    }

    @Test
    void reportJsonReadsBackToTheSameScores() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), null, out);
        EvaluationReport back = ReportJson.read(out.resolve("report.json"));
        assertEquals(report.mean(), back.mean());
        assertEquals(report.baselines().sessions(), back.baselines().sessions());
        assertEquals(report.schemes(), back.schemes());
        assertEquals(report.model().pooledConfusion("decoding"), back.model().pooledConfusion("decoding"));
        assertEquals(report.examples().get(2).baseline()[7], back.examples().get(2).baseline()[7]);
        assertEquals(report.paired(), back.paired());
        assertTrue(back.paired().session("synthetic-1", "decoding", "choice.accuracy").isPresent());
    }

    @Test
    void thePairedDifferencesAreTheTablesDifferences() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), null, out);
        JsonNode root = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode wheel = root.at("/paired_differences/mean/decoding/wheel.r2");
        assertEquals(root.at("/mean/decoding/wheel.r2").asDouble() - root.at("/baselines/mean/decoding/wheel.r2").asDouble(),
                wheel.get("difference").asDouble(), 1e-9);
        assertTrue(wheel.get("lower").asDouble() < wheel.get("difference").asDouble());
        assertTrue(wheel.get("upper").asDouble() > wheel.get("difference").asDouble());
        for (String session : List.of("synthetic-0", "synthetic-1")) {
            JsonNode bps = root.at("/paired_differences/sessions/" + session + "/encoding/spikes.bps");
            assertEquals(root.at("/sessions/" + session + "/encoding/spikes.bps").asDouble()
                    - root.at("/baselines/sessions/" + session + "/encoding/spikes.bps").asDouble(), bps.get("difference").asDouble(), 1e-9);
        }
        assertEquals(2000, root.at("/paired_differences/resamples").asInt());
    }

    @Test
    void theReducedRankDecoderIsReportedBesideTheModelAndThePerSessionBaselines() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), null, out);
        JsonNode root = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        double wheel = report.reducedRank().scores().mean().get("decoding").get("wheel.r2");
        assertEquals(wheel, root.at("/reduced_rank/mean/decoding/wheel.r2").asDouble(), 1e-12);
        assertTrue(root.at("/reduced_rank/sessions/synthetic-1/decoding/whisker.r2").isNumber());
        assertTrue(root.at("/reduced_rank/mean/decoding/choice.accuracy").isMissingNode(), "categorical behaviour");
        int rank = report.reducedRank().choices().get("wheel").rank();
        assertEquals(rank, root.at("/reduced_rank/choices/wheel/rank").asInt());
        assertEquals(report.reducedRank().scores().sessions(), ReportJson.read(out.resolve("report.json")).reducedRank().scores().sessions());
        assertEquals(report.reducedRank().choices(), ReportJson.read(out.resolve("report.json")).reducedRank().choices());

        String text = Files.readString(out.resolve("report.txt"));
        assertTrue(text.contains(ReducedRankComparison.TITLE), text);
        assertTrue(text.contains("wheel: rank " + rank + ", λ "), text);
        // model 1.0, the per-session ridge, then the reduced-rank decoder and the difference
        assertTrue(Pattern.compile("wheel\\.r2\\s+1\\.0000\\s+0\\.\\d{4}\\s+"
                + String.format(java.util.Locale.ROOT, "%.4f", wheel).replace(".", "\\.") + "\\s+\\+").matcher(text).find(), text);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2>" + ReducedRankComparison.TITLE + "</h2>"), "reduced-rank section");
        assertTrue(html.contains("<th>reduced-rank</th>"), "reduced-rank column");
    }

    @Test
    void reportTextHasProvenanceAndMarksMetricsBelowTheBaseline() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), null, out);
        String text = Files.readString(out.resolve("report.txt"));
        for (String s : List.of("config_hash", "sha256:0f3a9c", "data_fingerprint", "seed", "versions", "neds-j 0.1.0")) {
            assertTrue(text.contains(s), s);
        }
        // the mean-rate spikes (0 bits/spike) do not beat the GLM; perfect decoding beats the ridge
        // with the paired bootstrap's interval of model − baseline, wholly on the baseline's side for the spikes
        assertTrue(Pattern.compile("encoding\\s+spikes\\.bps\\s+0\\.0000\\s+\\d\\.\\d{4}\\s+-\\d\\.\\d{4}\\s+"
                + "\\[-\\d\\.\\d{4}, -\\d\\.\\d{4}\\]\\s+" + Pattern.quote(ReportText.BELOW + ReportText.BEYOND_MARK)).matcher(text).find(), text);
        assertTrue(Pattern.compile("decoding\\s+wheel\\.r2\\s+1\\.0000\\s+0\\.\\d{4}\\s+\\+0\\.\\d{4}\\s+"
                + "\\[\\+0\\.\\d{4}, \\+0\\.\\d{4}\\]\\n").matcher(text).find(), text);
        assertTrue(text.contains("95% interval: model − baseline over 2000 paired resamples"), text);
        assertTrue(text.contains("true 1"), "confusion matrix missing");
    }

    @Test
    void reportHtmlIsSelfContainedAndHasEverySection() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), ReportFixtures.metricsCsv(dir, 6), out);
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(html).find(), "external resource");
        assertFalse(html.contains("<script") || html.contains("<link"), "scripts or linked resources");
        assertTrue(html.contains("class=\"alert\">" + ReportText.BELOW), "below-baseline banner");
        assertTrue(html.contains("<tr class=\"below\">"), "below-baseline row");
        // the mean-rate spikes are worse than the GLM in both encoding figures, beyond their intervals
        assertTrue(html.contains("beyond the 95% interval of the test trials on 2.</div>"), "banner's interval count");
        assertTrue(html.contains("<th>95% interval</th>"), "interval column");
        long charts = Pattern.compile("<svg").matcher(html).results().count();
        // curves: loss, spikes, wheel; 6 example traces; histogram and scatter of per-neuron bps
        assertEquals(3 + 6 + 2, charts);
        assertTrue(html.contains("pred 2"), "block confusion matrix");
    }

    @Test
    void aMissingMetricsFileIsSaidOnThePage() throws IOException {
        Path out = dir.resolve("r");
        new ReportWriter().write(report, ReportFixtures.provenance(), dir.resolve("absent/metrics.csv"), out);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("metrics.csv does not exist, so there are no training curves"), "missing-file notice");
    }

    @Test
    void anOutputPathThatIsAFileFailsAndWritesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        var e = assertThrows(IOException.class, () -> new ReportWriter().write(report, ReportFixtures.provenance(), null, file));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void epochsLoggedSeveralTimesAreSpreadOverTheEpoch() {
        double[] x = ReportHtml.spreadWithinEpochs(new double[] {0, 0, 1, 1, 1, 2});
        assertEquals(List.of(0.0, 0.5, 1.0, 1.0 + 1.0 / 3, 1.0 + 2.0 / 3, 2.0), java.util.Arrays.stream(x).boxed().toList());
    }

    @Test
    void trainingCurvesSkipMalformedRowsAndReadBlankCellsAsNaN() throws IOException {
        Path csv = Files.writeString(dir.resolve("metrics.csv"),
                "epoch,step,train_loss,val_loss,train_wheel\n0,1,2.5,,0.3\n0,2,oops,1,1\n1,3,2.0,2.2\n1,4,1.5,1.9,0.2\n");
        TrainingCurves c = TrainingCurves.read(csv);
        assertEquals(2, c.rows());
        assertTrue(Double.isNaN(c.column("val_loss")[0]));
        assertEquals(1.9, c.column("val_loss")[1]);
        assertEquals(List.of("loss", "wheel"), c.quantities());
        assertEquals(2, c.skipped().size());
        assertTrue(c.skipped().get(0).startsWith("line 3"), c.skipped().toString());
    }

    @Test
    void theValidationTimeIsNotALossCurve() throws IOException {
        Path csv = Files.writeString(dir.resolve("metrics.csv"),
                "epoch,train_loss,val_loss,train_wheel,val_wheel,val_seconds\n1,2,2,1,1,0.4\n");
        assertEquals(List.of("loss", "wheel"), TrainingCurves.read(csv).quantities());
    }
}
