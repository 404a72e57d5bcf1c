package org.nedsj.nwb;

import io.jhdf.api.Dataset;

/**
 * The trials table of an NWB file ({@code /intervals/trials} by default, a {@code TimeIntervals}
 * DynamicTable): its columns by name, numbers or text, each as long as the table.
 */
final class TrialsTable {

    private final NwbFile file;
    private final String path;
    private final int size;

    TrialsTable(NwbFile file, String path) {
        this.file = file;
        this.path = path;
        String fix = "the mapping's data.nwb.trials.table must name the trials table (run neds inspect " + file.path() + ")";
        file.group(path, fix);
        this.size = (int) file.dataset(path + "/start_time", fix).getSize();
    }

    int size() {
        return size;
    }

    String path() {
        return path;
    }

    /** A numeric column; {@code key} is the mapping key that named it, for the message. */
    double[] numbers(String column, String key) {
        Dataset d = column(column, key);
        if (NwbFile.isText(d)) {
            throw new NwbDataException(file.path() + ": " + path + "/" + column + " holds text, but " + key
                    + " needs a numeric column (event times, values)");
        }
        double[] v = file.doubles(d);
        requireLength(column, v.length);
        return v;
    }

    /** A column as text (numbers written as text), for class labels. */
    String[] labels(String column, String key) {
        String[] v = file.strings(column(column, key));
        requireLength(column, v.length);
        return v;
    }

    boolean isText(String column, String key) {
        return NwbFile.isText(column(column, key));
    }

    private Dataset column(String column, String key) {
        return file.dataset(path + "/" + column, key + " names the column '" + column + "', which the trials table " + path
                + " does not have; run neds inspect " + file.path() + " for its columns");
    }

    private void requireLength(String column, int length) {
        if (length != size) {
            throw new NwbDataException(file.path() + ": " + path + "/" + column + " has " + length + " rows but start_time has " + size
                    + "; every column of a table must be as long as the table (a ragged column needs its _index)");
        }
    }
}
