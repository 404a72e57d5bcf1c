package org.nedsj.trainer.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nedsj.trainer.run.RunDirectory;

/**
 * A trial's metric by epoch: a validation loss from its {@code metrics.csv} ({@code val.loss} → column
 * {@code val_loss}), a report metric from {@code tune-metric.csv}, where the trial's segments record it at each
 * rung (column {@code decoding_wheel_r2} for {@code decoding.wheel.r2}).
 */
record TrialMetrics(double[] epochs, double[] values) {

    static final String REPORT_METRICS = "tune-metric.csv";

    /** The trial's curve of {@code metric}. */
    static TrialMetrics of(Path trialDir, String metric) throws IOException {
        return read(trialDir.resolve(new TuneMetric(metric).isLoss() ? "metrics.csv" : REPORT_METRICS), metric);
    }

    static TrialMetrics read(Path metricsCsv, String metric) throws IOException {
        if (!Files.isRegularFile(metricsCsv)) {
            return new TrialMetrics(new double[0], new double[0]);
        }
        List<String> lines = Files.readAllLines(metricsCsv, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        String column = metric.replace('.', '_');
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("tune.metric = " + metric + ": " + metricsCsv + " has no column " + column
                    + "; the validation columns are " + header.stream().filter(h -> h.startsWith("val_")).toList()
                    .stream().map(h -> h.replaceFirst("_", ".")).toList());
        }
        List<String[]> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank())
                .map(l -> l.split(",", -1)).filter(r -> r.length == header.size()).toList();
        double[] epochs = new double[rows.size()];
        double[] values = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            epochs[i] = Double.parseDouble(rows.get(i)[0]);
            values[i] = rows.get(i)[c].isEmpty() ? Double.NaN : Double.parseDouble(rows.get(i)[c]);
        }
        return new TrialMetrics(epochs, values);
    }

    /** Records a report metric at {@code epoch} in the trial's {@code tune-metric.csv}, replacing that epoch's row. */
    static void record(Path trialDir, String metric, int epoch, double value) throws IOException {
        TrialMetrics before = read(trialDir.resolve(REPORT_METRICS), metric);
        StringBuilder csv = new StringBuilder("epoch,").append(metric.replace('.', '_')).append('\n');
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < before.epochs.length; i++) {
            if ((int) before.epochs[i] < epoch) {
                kept.add(i);
            }
        }
        kept.forEach(i -> csv.append((int) before.epochs[i]).append(',').append(cell(before.values[i])).append('\n'));
        csv.append(epoch).append(',').append(cell(value)).append('\n');
        RunDirectory.writeAtomically(trialDir.resolve(REPORT_METRICS), csv.toString());
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.9g", v);
    }

    /** The last epoch of the trial's {@code metrics.csv}, or 0. */
    static int epochReached(Path trialDir) {
        try {
            double[] epochs = read(trialDir.resolve("metrics.csv"), "val.loss").epochs();
            return epochs.length == 0 ? 0 : (int) epochs[epochs.length - 1];
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The metric at {@code epoch}, or NaN when that epoch has no row. */
    double at(int epoch) {
        for (int i = 0; i < epochs.length; i++) {
            if ((int) epochs[i] == epoch) {
                return values[i];
            }
        }
        return Double.NaN;
    }
}
