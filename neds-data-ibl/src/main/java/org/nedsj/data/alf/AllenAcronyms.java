package org.nedsj.data.alf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allen CCF structure id → acronym. The built-in table ({@code allen-ccf-2017-acronyms.csv}) is a
 * curated subset; {@code data.ibl.regions.allen-table} names a complete one: a CSV with a header row
 * naming an {@code id} and an {@code acronym} column (as the Allen structures CSV has), other columns
 * ignored. Negative ids (IBL's left-hemisphere convention) read as their absolute value.
 */
public final class AllenAcronyms {

    private static final String BUILT_IN = "allen-ccf-2017-acronyms.csv";
    private static final Map<Path, AllenAcronyms> LOADED = new ConcurrentHashMap<>();

    private final Map<Long, String> acronyms;

    private AllenAcronyms(Map<Long, String> acronyms) {
        this.acronyms = Map.copyOf(acronyms);
    }

    /** The table at {@code file}, or the built-in one when null (each read once). */
    public static AllenAcronyms of(Path file) {
        Path key = file == null ? Path.of(BUILT_IN) : file.toAbsolutePath().normalize();
        return LOADED.computeIfAbsent(key, k -> file == null ? builtIn() : read(file));
    }

    /** The acronym of {@code id}, empty when the table does not list it. */
    public Optional<String> acronym(long id) {
        return Optional.ofNullable(acronyms.get(Math.abs(id)));
    }

    public int size() {
        return acronyms.size();
    }

    private static AllenAcronyms builtIn() {
        try (InputStream in = AllenAcronyms.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in " + BUILT_IN + " is missing from the neds-data-ibl jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AllenAcronyms read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new AlfDataException("data.ibl.regions.allen-table: " + file + " does not exist; name a CSV of Allen ids and acronyms, "
                    + "or set it to \"\" for the built-in table");
        } catch (IOException e) {
            throw new AlfDataException("data.ibl.regions.allen-table: " + file + " cannot be read (" + e.getMessage() + ")");
        }
    }

    static AllenAcronyms parse(List<String> lines, String where) {
        int row = 0;
        int idColumn = -1;
        int acronymColumn = -1;
        Map<Long, String> out = new HashMap<>();
        for (String line : lines) {
            row++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = CsvRow.split(line);
            if (idColumn < 0) {
                idColumn = cells.indexOf("id");
                acronymColumn = cells.indexOf("acronym");
                if (idColumn < 0 || acronymColumn < 0) {
                    throw new AlfDataException(where + " line " + row + ": the header must name an 'id' and an 'acronym' column, found "
                            + cells);
                }
                continue;
            }
            if (cells.size() <= Math.max(idColumn, acronymColumn)) {
                throw new AlfDataException(where + " line " + row + ": " + cells.size() + " cells, the header has the id in column "
                        + (idColumn + 1) + " and the acronym in column " + (acronymColumn + 1));
            }
            try {
                out.put(Long.parseLong(cells.get(idColumn).strip()), cells.get(acronymColumn).strip());
            } catch (NumberFormatException e) {
                throw new AlfDataException(where + " line " + row + ": id '" + cells.get(idColumn) + "' is not an integer");
            }
        }
        if (out.isEmpty()) {
            throw new AlfDataException(where + ": no id,acronym rows");
        }
        return new AllenAcronyms(out);
    }
}
