package org.nedsj.eval.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns padded to their widest cell, numbers right-aligned. */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean alignNumbers;

    TextTable(List<String> header) {
        this(header, true);
    }

    /** @param alignNumbers right-align cells that are numbers */
    TextTable(List<String> header, boolean alignNumbers) {
        this.header = List.copyOf(header);
        this.alignNumbers = alignNumbers;
    }

    TextTable add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, the header " + header.size());
        }
        rows.add(List.copyOf(row));
        return this;
    }

    String render() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        var sb = new StringBuilder();
        line(sb, header, widths, alignNumbers);
        for (int c = 0; c < widths.length; c++) {
            sb.append("-".repeat(widths[c])).append(c == widths.length - 1 ? "\n" : "  ");
        }
        rows.forEach(r -> line(sb, r, widths, alignNumbers));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths, boolean alignNumbers) {
        var line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(alignNumbers && isNumber(cell) ? pad + cell : cell + pad);
            if (c < widths.length - 1) {
                line.append("  ");
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static boolean isNumber(String s) {
        return s.matches("\\*?([+-]?\\d+(\\.\\d*)?(e[+-]?\\d+)?|n/a|–)");
    }
}
