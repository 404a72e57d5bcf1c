package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nedsj.eval.EvaluationReport;

/**
 * Writes an {@link EvaluationReport} into a directory: {@code report.json}, {@code report.txt} and
 * {@code report.html}. All three are rendered in memory first and then written through temporary
 * files, so a failure leaves no partial report behind.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String TEXT = "report.txt";
    public static final String HTML = "report.html";

    /**
     * @param provenance  shown in report.txt and report.html and stored in report.json, in the map's
     *                    order (e.g. run, config_hash, seed, data_fingerprint, versions); its
     *                    {@code run} names the run when the report does not
     * @param metricsCsv  the run's {@code metrics.csv} for the training curves; null or missing puts a
     *                    notice on the page instead
     * @param outDir      created if missing
     * @return the three files written
     */
    public List<Path> write(EvaluationReport report, Map<String, String> provenance, Path metricsCsv, Path outDir)
            throws IOException {
        var files = new LinkedHashMap<String, String>();
        files.put(JSON, ReportJson.write(report, provenance));
        files.put(TEXT, ReportText.render(report, provenance));
        files.put(HTML, ReportHtml.render(report, provenance, metricsCsv));
        return AtomicFiles.writeAll(outDir, files);
    }
}
