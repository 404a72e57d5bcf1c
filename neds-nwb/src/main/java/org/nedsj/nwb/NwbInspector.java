package org.nedsj.nwb;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code neds inspect FILE.nwb}: the tables (columns, their types and lengths, ragged columns with
 * their index, the distinct values of category-like columns) and the time series (samples, unit,
 * rate or timestamps) of an NWB file, with the paths a {@code data.nwb} mapping names them by.
 */
final class NwbInspector {

    private static final int MAX_VALUES = 8;

    private NwbInspector() {
    }

    static String describe(Path path) {
        try (NwbFile file = NwbFile.open(path)) {
            StringBuilder out = new StringBuilder();
            out.append(path).append(" (session id ").append(NwbSessionReader.sessionId(path)).append(", NWB ")
                    .append(file.text(file.root(), "nwb_version").orElse("version unknown")).append(")\n");
            walk(file, file.root(), out);
            return out.toString();
        }
    }

    private static void walk(NwbFile file, Group group, StringBuilder out) {
        for (Node n : group.getChildren().values()) {
            if (!(n instanceof Group g) || n.getName().equals("specifications")) {
                continue;
            }
            if (file.attribute(g, "colnames").isPresent()) {
                table(file, g, out);
            } else if (BehaviourSeries.isSeries(file, g)) {
                series(file, g, out);
            } else {
                walk(file, g, out);
            }
        }
    }

    private static void table(NwbFile file, Group g, StringBuilder out) {
        long rows = g.getChild("id") instanceof Dataset id ? id.getSize() : -1;
        out.append("\ntable ").append(path(g)).append(" (").append(type(file, g)).append("): ").append(rows).append(" rows\n");
        for (Node n : g.getChildren().values()) {
            if (!(n instanceof Dataset d) || n.getName().equals("id") || n.getName().endsWith("_index")) {
                continue;
            }
            out.append(String.format("  %-24s %-8s ", n.getName(), dtype(d)));
            if (g.getChild(n.getName() + "_index") instanceof Dataset index) {
                int[] dims = d.getDimensions();
                out.append("ragged: ").append(dims.length == 1 ? d.getSize() + " values" : Arrays.toString(dims)).append(" in ")
                        .append(index.getSize()).append(" rows (")
                        .append(n.getName()).append("_index)");
            } else {
                out.append(shape(d)).append(values(file, d, rows));
            }
            file.text(d, "unit").ifPresent(u -> out.append(", unit ").append(u));
            out.append('\n');
        }
    }

    private static void series(NwbFile file, Group g, StringBuilder out) {
        Dataset data = (Dataset) g.getChild("data");
        out.append("\nseries ").append(path(g)).append(" (").append(type(file, g)).append("): ")
                .append(data.getDimensions().length == 1 ? data.getSize() + " samples" : Arrays.toString(data.getDimensions())).append(' ')
                .append(dtype(data)).append(", unit ").append(file.text(data, "unit").orElse("?"));
        file.number(data, "conversion").filter(c -> c != 1.0).ifPresent(c -> out.append(", conversion ").append(c));
        if (g.getChild("timestamps") instanceof Dataset ts) {
            double[] t = file.doubles(ts);
            out.append(", timestamps").append(t.length > 0 ? String.format(" %.3f … %.3f s", t[0], t[t.length - 1]) : "");
        } else if (g.getChild("starting_time") instanceof Dataset start) {
            out.append(String.format(", rate %s Hz from %s s", NwbFile.format(file.number(start, "rate").orElse(Double.NaN)),
                    NwbFile.format(file.scalar(start))));
        }
        out.append('\n');
    }

    /** The distinct values of a column with few of them (categories, labels), else nothing. */
    private static String values(NwbFile file, Dataset d, long rows) {
        if (d.getDimensions().length != 1 || d.getSize() != rows || d.getSize() > 100_000) {
            return "";
        }
        String[] v = file.strings(d);
        Map<String, Integer> counts = new TreeMap<>();
        for (String s : v) {
            counts.merge(s, 1, Integer::sum);
        }
        if (counts.size() > MAX_VALUES || (!NwbFile.isText(d) && counts.size() > 4)) {
            return "";
        }
        StringBuilder s = new StringBuilder(", values ");
        counts.forEach((k, n) -> s.append(k).append(" (").append(n).append("), "));
        return s.substring(0, s.length() - 2);
    }

    private static String shape(Dataset d) {
        int[] dims = d.getDimensions();
        return dims.length == 1 ? dims[0] + " rows" : Arrays.toString(dims);
    }

    private static String dtype(Dataset d) {
        if (NwbFile.isText(d)) {
            return "text";
        }
        Class<?> t = d.getJavaType();
        String name = t.isArray() ? t.getComponentType().getSimpleName() : t.getSimpleName();
        return switch (name) {
            case "double" -> "float64";
            case "float" -> "float32";
            case "long" -> "int64";
            case "int" -> "int32";
            case "short" -> "int16";
            case "byte" -> "int8";
            default -> name;
        };
    }

    private static String type(NwbFile file, Node n) {
        return file.text(n, "neurodata_type").orElse("group");
    }

    /** The object's path as a mapping names it: no leading or trailing slash. */
    static String path(Node n) {
        String p = n.getPath();
        p = p.startsWith("/") ? p.substring(1) : p;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
