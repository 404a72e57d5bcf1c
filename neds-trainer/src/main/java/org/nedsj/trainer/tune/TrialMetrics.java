package org.nedsj.trainer.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A trial's metric by epoch, read from its {@code metrics.csv} ({@code val.loss} → column {@code val_loss}). */
record TrialMetrics(double[] epochs, double[] values) {

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
