package org.nedsj.prep.regions;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's mapping of regions (e.g. Allen acronyms such as {@code VISp5}) to a coarser parcel (e.g.
 * {@code VISp} or {@code Isocortex}), from a CSV file ({@code acronym,parcel} rows; a first row
 * {@code acronym,parcel} is a header; {@code #} starts a comment line) or a HOCON file
 * ({@code .conf}/{@code .hocon}: {@code "VISp5" = VISp}). A region the map does not name keeps its own
 * name; {@code unknown} stays unknown.
 */
public final class RegionMap {

    public static final RegionMap IDENTITY = new RegionMap(Map.of(), null);

    private final Map<String, String> parcels;
    private final Path file;

    private RegionMap(Map<String, String> parcels, Path file) {
        this.parcels = Map.copyOf(parcels);
        this.file = file;
    }

    /** @throws IllegalArgumentException naming the file, line or key when it cannot be read */
    public static RegionMap read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return new RegionMap(csv(file, Files.readAllLines(file, StandardCharsets.UTF_8)), file);
            }
            if (name.endsWith(".conf") || name.endsWith(".hocon")) {
                return new RegionMap(hocon(file), file);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("region map " + file + " does not exist; name a CSV (acronym,parcel) or HOCON file");
        } catch (IOException e) {
            throw new IllegalArgumentException("region map " + file + " cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("region map " + file + ": name a .csv (acronym,parcel rows) or a .conf/.hocon file "
                + "(acronym = parcel)");
    }

    private static Map<String, String> csv(Path file, List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalArgumentException("region map " + file + " line " + (i + 1) + ": '" + line
                        + "' is not 'acronym,parcel' (two non-empty cells)");
            }
            String from = cells[0].strip();
            String to = cells[1].strip();
            if (out.isEmpty() && from.equalsIgnoreCase("acronym") && to.equalsIgnoreCase("parcel")) {
                continue;
            }
            put(out, from, to, file + " line " + (i + 1));
        }
        return out;
    }

    private static Map<String, String> hocon(Path file) {
        Config c;
        try {
            c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false))
                    .resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("region map " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
            ConfigValue v = e.getValue();
            String where = file + " line " + v.origin().lineNumber();
            if (v.valueType() != ConfigValueType.STRING || String.valueOf(v.unwrapped()).isBlank()) {
                throw new IllegalArgumentException("region map " + where + ": " + e.getKey() + " must map to a parcel name (a string), found "
                        + v.render());
            }
            put(out, unquote(e.getKey()), String.valueOf(v.unwrapped()).strip(), where);
        }
        return out;
    }

    private static String unquote(String key) {
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    private static void put(Map<String, String> out, String from, String to, String where) {
        String previous = out.put(from, to);
        if (previous != null && !previous.equals(to)) {
            throw new IllegalArgumentException("region map " + where + ": " + from + " is mapped twice (to " + previous + " and " + to + ")");
        }
    }

    /** The parcel of {@code region}: its mapping, or itself when the map does not name it. */
    public String parcel(String region) {
        return parcels.getOrDefault(region, region);
    }

    public int size() {
        return parcels.size();
    }

    /** The file it was read from, or null for the identity. */
    public Path file() {
        return file;
    }
}
