package org.nedsj.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The training curves of a run, read from its {@code metrics.csv}: a header
 * {@code epoch,step,lr,seconds,trials_per_s,train_loss,val_loss,train_<modality>…,val_<modality>…}
 * and one row of numbers per logged step. Empty cells and {@code NaN} read as NaN; a row with another
 * number of cells or a cell that is not a number is skipped and reported in {@link #skipped()}.
 */
final class TrainingCurves {

    private final Path file;
    private final Map<String, double[]> columns;
    private final List<String> skipped;

    private TrainingCurves(Path file, Map<String, double[]> columns, List<String> skipped) {
        this.file = file;
        this.columns = columns;
        this.skipped = skipped;
    }

    static TrainingCurves read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException(file + " is empty: expected a header starting with epoch");
        }
        String[] header = lines.get(0).trim().split(",", -1);
        var values = new ArrayList<double[]>();
        var skipped = new ArrayList<String>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                skipped.add("line " + (i + 1) + ": " + cells.length + " cells, the header has " + header.length);
                continue;
            }
            try {
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    String cell = cells[c].trim();
                    row[c] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                }
                values.add(row);
            } catch (NumberFormatException e) {
                skipped.add("line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        var columns = new LinkedHashMap<String, double[]>();
        for (int c = 0; c < header.length; c++) {
            double[] col = new double[values.size()];
            for (int r = 0; r < col.length; r++) {
                col[r] = values.get(r)[c];
            }
            columns.put(header[c].trim(), col);
        }
        return new TrainingCurves(file, columns, skipped);
    }

    List<String> skipped() {
        return skipped;
    }

    int rows() {
        return columns.isEmpty() ? 0 : columns.values().iterator().next().length;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException(file + " has no column " + name + "; it has " + columns.keySet());
        }
        return c.clone();
    }

    /**
     * What has a train_ or val_ loss curve, in header order: {@code loss} first, then the modalities
     * ({@code val_seconds}, a time, is not a loss).
     */
    List<String> quantities() {
        var out = new LinkedHashSet<String>();
        for (String name : columns.keySet()) {
            if (name.startsWith("train_")) {
                out.add(name.substring(6));
            } else if (name.startsWith("val_") && !name.equals("val_seconds")) {
                out.add(name.substring(4));
            }
        }
        return new ArrayList<>(out);
    }
}
