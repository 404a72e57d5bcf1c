package org.nedsj.nwb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sessions of an NWB input: the file itself, or every {@code *.nwb} of a folder (not its sub-folders), by name. */
final class NwbFiles {

    private NwbFiles() {
    }

    static boolean isNwb(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".nwb");
    }

    /** @throws NwbDataException when there is no NWB file there */
    static List<Path> find(Path input) {
        if (isNwb(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new NwbDataException(input + " is neither an .nwb file nor a folder; set data.path (or --in) to an NWB file or a folder of them");
        }
        try (Stream<Path> s = Files.list(input)) {
            List<Path> files = s.filter(NwbFiles::isNwb).sorted().toList();
            if (files.isEmpty()) {
                throw new NwbDataException(input + " holds no .nwb file; set data.path (or --in) to an NWB file or a folder of them");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
    }

    /** data.sessions chosen among the files; unknown ids are an error naming them. */
    static List<Path> chosen(List<Path> files, List<String> sessions, Path where) {
        List<String> ids = files.stream().map(NwbSessionReader::sessionId).toList();
        List<String> unknown = sessions.stream().filter(s -> !ids.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("data.sessions names " + unknown + ", not found in " + where + "; it has " + ids);
        }
        return files.stream().filter(f -> sessions.isEmpty() || sessions.contains(NwbSessionReader.sessionId(f))).toList();
    }
}
