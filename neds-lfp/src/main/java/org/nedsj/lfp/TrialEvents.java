package org.nedsj.lfp;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The times of one trials attribute (e.g. {@code stimOn_times}, what the prepared windows were aligned to) of an
 * ALF session: {@code _ibl_trials.<attr>[.<uuid>].npy} or the {@code <attr>} column of
 * {@code _ibl_trials.table[.<uuid>].pqt}, in {@code alf/} or {@code alf/task_NN/} (revision folders included;
 * the last in name order wins, as ALF revisions sort by date).
 */
final class TrialEvents {

    private TrialEvents() {
    }

    /** The files the times may come from, for fingerprints. */
    static Optional<Path> file(Path session, String attribute) {
        List<Path> npy = candidates(session, f -> f.startsWith("_ibl_trials." + attribute + ".") && f.endsWith(".npy"));
        if (!npy.isEmpty()) {
            return Optional.of(npy.get(npy.size() - 1));
        }
        List<Path> table = candidates(session, f -> f.startsWith("_ibl_trials.table.") && f.endsWith(".pqt"));
        return table.isEmpty() ? Optional.empty() : Optional.of(table.get(table.size() - 1));
    }

    static double[] read(Path session, String attribute) {
        Path f = file(session, attribute).orElseThrow(() -> new IllegalArgumentException("session " + session + " has no _ibl_trials."
                + attribute + ".npy and no _ibl_trials.table.pqt under alf/; the LFP windows are aligned to that trials attribute"
                + " (data.lfp.align-to)"));
        if (f.getFileName().toString().endsWith(".npy")) {
            NpyArray a = NpyReader.read(f);
            return a.toDoubleArray();
        }
        return column(f, attribute);
    }

    private static double[] column(Path table, String attribute) {
        List<Double> values = new ArrayList<>();
        boolean[] seen = {false};
        try (Stream<Double> s = ParquetReader.streamContent(table.toFile(), new Hydrator<double[], Double, String[]>() {
            @Override
            public double[] start() {
                return new double[]{Double.NaN};
            }

            @Override
            public double[] add(double[] row, String[] column, Object value) {
                if (column.length == 1 && column[0].equals(attribute)) {
                    seen[0] = true;
                    row[0] = value instanceof Number n ? n.doubleValue() : Double.NaN;
                }
                return row;
            }

            @Override
            public Double finish(double[] row) {
                return row[0];
            }
        })) {
            s.forEach(values::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table + ": " + e.getMessage(), e);
        }
        if (!seen[0] && !values.isEmpty()) {
            throw new IllegalArgumentException(table + " has no column " + attribute + "; set data.lfp.align-to to the attribute the"
                    + " dataset was aligned to");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Path> candidates(Path session, java.util.function.Predicate<String> name) {
        Path alf = session.resolve("alf");
        if (!Files.isDirectory(alf)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(alf, 3)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !alf.relativize(p).toString().contains("probe"))
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + alf, e);
        }
    }
}
