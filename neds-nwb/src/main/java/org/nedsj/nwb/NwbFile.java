package org.nedsj.nwb;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One NWB file opened with jHDF (pure Java): objects by path, numbers and strings out of datasets,
 * whole or by slice (a slice reads only the chunks it touches). Errors name the file and the object.
 */
public final class NwbFile implements AutoCloseable {

    private final Path path;
    private final HdfFile hdf;
    private final Map<String, Optional<ChunkedSlice>> slices = new HashMap<>();

    private NwbFile(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
    }

    /** @throws NwbDataException when the file is missing or not HDF5 */
    public static NwbFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new NwbDataException(path + " does not exist or is not a file; give an .nwb file or a folder of them");
        }
        try {
            return new NwbFile(path, new HdfFile(path));
        } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
            throw new NwbDataException(path + " cannot be read as HDF5 (" + e.getMessage() + "); NWB 2.x files are HDF5: "
                    + "check that the file is complete and not an NWB 1 or Zarr file", e);
        }
    }

    public Path path() {
        return path;
    }

    public Group root() {
        return hdf;
    }

    public boolean has(String objectPath) {
        return node(objectPath).isPresent();
    }

    public Optional<Node> node(String objectPath) {
        try {
            return Optional.ofNullable(hdf.getByPath(strip(objectPath)));
        } catch (HdfException e) {
            return Optional.empty();
        }
    }

    /** @param fix what the user should do when it is missing */
    public Dataset dataset(String objectPath, String fix) {
        Node n = node(objectPath).orElseThrow(() -> new NwbDataException(path + " has no " + strip(objectPath) + "; " + fix));
        if (!(n instanceof Dataset d)) {
            throw new NwbDataException(path + ": " + strip(objectPath) + " is a group, not a dataset; " + fix);
        }
        return d;
    }

    public Group group(String objectPath, String fix) {
        Node n = node(objectPath).orElseThrow(() -> new NwbDataException(path + " has no " + strip(objectPath) + "; " + fix));
        if (!(n instanceof Group g)) {
            throw new NwbDataException(path + ": " + strip(objectPath) + " is a dataset, not a group; " + fix);
        }
        return g;
    }

    /** A whole numeric dataset as doubles (one column of a 2-D dataset with one column). */
    public double[] doubles(Dataset d) {
        return toDoubles(read(d, null, null), d);
    }

    /** {@code length} values of a 1-D numeric dataset from {@code offset}, reading only the chunks they lie in. */
    public double[] doubles(Dataset d, long offset, int length) {
        if (length == 0) {
            return new double[0];
        }
        if (d instanceof ChunkedDataset c) {
            ChunkedSlice slice = slices.computeIfAbsent(d.getPath(), k -> Optional.ofNullable(ChunkedSlice.of(c))).orElse(null);
            if (slice != null) {
                try {
                    return slice.read(offset, length);
                } catch (HdfException | IllegalArgumentException e) {
                    throw new NwbDataException(path + ": " + d.getPath() + " cannot be read (" + e.getMessage() + ")", e);
                }
            }
            double[] all = doubles(d);
            return Arrays.copyOfRange(all, Math.toIntExact(offset), Math.toIntExact(offset + length));
        }
        return toDoubles(read(d, new long[]{offset}, new int[]{length}), d);
    }

    /** A whole numeric dataset of any shape, flattened in row-major order (e.g. [n, 2] interval pairs). */
    public double[] flat(Dataset d) {
        try {
            return toDoubles(d.getDataFlat(), d);
        } catch (HdfException | UnsupportedOperationException e) {
            throw new NwbDataException(path + ": " + d.getPath() + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A whole dataset of strings (or of numbers, written as text). */
    public String[] strings(Dataset d) {
        Object data = read(d, null, null);
        if (data instanceof String[] s) {
            return s;
        }
        double[] v = toDoubles(data, d);
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = format(v[i]);
        }
        return out;
    }

    /** Whether a dataset holds text. */
    public static boolean isText(Dataset d) {
        return d.getJavaType() == String.class;
    }

    /** A scalar number (e.g. {@code starting_time}). */
    public double scalar(Dataset d) {
        Object v = read(d, null, null);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        double[] a = toDoubles(v, d);
        if (a.length != 1) {
            throw new NwbDataException(path + ": " + d.getPath() + " should hold one number, holds " + a.length);
        }
        return a[0];
    }

    public Optional<Object> attribute(Node n, String name) {
        try {
            Attribute a = n.getAttribute(name);
            return a == null ? Optional.empty() : Optional.ofNullable(a.getData());
        } catch (HdfException e) {
            return Optional.empty();
        }
    }

    /** A text attribute (the first element of an array of them), or empty. */
    public Optional<String> text(Node n, String name) {
        return attribute(n, name).map(v -> v.getClass().isArray() ? (Array.getLength(v) > 0 ? String.valueOf(Array.get(v, 0)) : "")
                : String.valueOf(v));
    }

    public Optional<Double> number(Node n, String name) {
        return attribute(n, name).flatMap(v -> {
            Object x = v.getClass().isArray() && Array.getLength(v) > 0 ? Array.get(v, 0) : v;
            return x instanceof Number num ? Optional.of(num.doubleValue()) : Optional.empty();
        });
    }

    private Object read(Dataset d, long[] offset, int[] shape) {
        try {
            return offset == null ? d.getData() : d.getData(offset, shape);
        } catch (HdfException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new NwbDataException(path + ": " + d.getPath() + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private double[] toDoubles(Object data, Dataset d) {
        if (data instanceof double[] v) {
            return v;
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) > 0 && Array.get(data, 0) != null
                && Array.get(data, 0).getClass().isArray()) {
            return oneColumn(data, d);
        }
        if (data == null || !data.getClass().isArray() || !data.getClass().getComponentType().isPrimitive()) {
            throw new NwbDataException(path + ": " + d.getPath() + " holds " + d.getJavaType().getSimpleName()
                    + " values, not numbers; map a numeric dataset or column instead");
        }
        int n = Array.getLength(data);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object x = Array.get(data, i);
            out[i] = x instanceof Boolean b ? (b ? 1 : 0) : ((Number) x).doubleValue();
        }
        return out;
    }

    private double[] oneColumn(Object rows, Dataset d) {
        int n = Array.getLength(rows);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object row = Array.get(rows, i);
            if (Array.getLength(row) != 1) {
                throw new NwbDataException(path + ": " + d.getPath() + " has shape " + Arrays.toString(d.getDimensions())
                        + "; only one value per sample (or per row) can be mapped");
            }
            out[i] = ((Number) Array.get(row, 0)).doubleValue();
        }
        return out;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String strip(String p) {
        return p.startsWith("/") ? p.substring(1) : p;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
