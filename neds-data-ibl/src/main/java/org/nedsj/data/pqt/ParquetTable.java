package org.nedsj.data.pqt;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import blue.strategic.parquet.ParquetWriter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Parquet table (e.g. {@code _ibl_trials.table.pqt}, {@code clusters.metrics.pqt}) as numeric
 * columns, read and written without Hadoop. Numbers and booleans become doubles, nulls become NaN;
 * text and nested columns are left out.
 */
public final class ParquetTable {

    private final Path file;
    private final Map<String, double[]> columns;
    private final int rows;

    private ParquetTable(Path file, Map<String, double[]> columns, int rows) {
        this.file = file;
        this.columns = Collections.unmodifiableMap(columns);
        this.rows = rows;
    }

    public Path file() {
        return file;
    }

    public int rows() {
        return rows;
    }

    /** Names of the numeric columns, in file order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** A copy of a numeric column. @throws IllegalArgumentException naming the file and its columns when absent */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("Parquet file " + file + " has no numeric column '" + name + "'; it has " + columns.keySet());
        }
        return c.clone();
    }

    /** Reads every numeric column of {@code file}. */
    public static ParquetTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Parquet file " + file + " not found");
        }
        try {
            MessageType schema = ParquetReader.readMetadata(file.toFile()).getFileMetaData().getSchema();
            Map<String, Integer> index = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (ColumnDescriptor c : schema.getColumns()) {
                if (c.getPath().length == 1 && isNumeric(c.getPrimitiveType())) {
                    index.put(c.getPath()[0], names.size());
                    names.add(c.getPath()[0]);
                }
            }
            List<double[]> rows = new ArrayList<>();
            try (Stream<double[]> s = ParquetReader.streamContent(file.toFile(), new RowHydrator(index, names.size()))) {
                s.forEach(rows::add);
            }
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                double[] col = new double[rows.size()];
                for (int r = 0; r < col.length; r++) {
                    col[r] = rows.get(r)[c];
                }
                columns.put(names.get(c), col);
            }
            return new ParquetTable(file, columns, rows.size());
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().contains(file.toString())) {
                throw iae;
            }
            throw new IllegalArgumentException("Parquet file " + file + " cannot be read (" + e.getMessage()
                    + "); check that it is a complete Parquet file, e.g. with pandas.read_parquet", e);
        }
    }

    private static boolean isNumeric(PrimitiveType type) {
        return switch (type.getPrimitiveTypeName()) {
            case DOUBLE, FLOAT, INT32, INT64, BOOLEAN -> true;
            default -> false;
        };
    }

    /** Builds one row of doubles, NaN where a value is null or missing. */
    private static final class RowHydrator implements Hydrator<double[], double[], String[]> {
        private final Map<String, Integer> index;
        private final int width;

        RowHydrator(Map<String, Integer> index, int width) {
            this.index = index;
            this.width = width;
        }

        @Override
        public double[] start() {
            double[] row = new double[width];
            Arrays.fill(row, Double.NaN);
            return row;
        }

        @Override
        public double[] add(double[] row, String[] column, Object value) {
            Integer c = column.length == 1 ? index.get(column[0]) : null;
            if (c != null) {
                row[c] = toDouble(value);
            }
            return row;
        }

        @Override
        public double[] finish(double[] row) {
            return row;
        }

        private static double toDouble(Object value) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (value instanceof Binary) {
                return Double.NaN;
            }
            return Double.NaN;
        }
    }

    /** Collects columns and writes them as a Parquet table (doubles as DOUBLE, longs as INT64). */
    public static final class Writer {
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private int rows = -1;

        public Writer doubles(String name, double[] values) {
            return add(name, values.clone(), values.length);
        }

        public Writer longs(String name, long[] values) {
            return add(name, values.clone(), values.length);
        }

        private Writer add(String name, Object values, int length) {
            if (rows >= 0 && length != rows) {
                throw new IllegalArgumentException("column " + name + " has " + length + " rows, the table has " + rows);
            }
            rows = length;
            columns.put(name, values);
            return this;
        }

        /** Writes the table to {@code file}, replacing it. */
        public void write(Path file) {
            Types.MessageTypeBuilder b = Types.buildMessage();
            columns.forEach((name, values) -> b.optional(values instanceof double[]
                    ? PrimitiveType.PrimitiveTypeName.DOUBLE : PrimitiveType.PrimitiveTypeName.INT64).named(name));
            MessageType schema = b.named("table");
            try {
                Files.deleteIfExists(file);
                try (ParquetWriter<Integer> w = ParquetWriter.writeFile(schema, file.toFile(), (row, out) ->
                        columns.forEach((name, values) -> {
                            if (values instanceof double[] d) {
                                out.write(name, d[row]);
                            } else {
                                out.write(name, ((long[]) values)[row]);
                            }
                        }))) {
                    for (int r = 0; r < Math.max(rows, 0); r++) {
                        w.write(r);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
