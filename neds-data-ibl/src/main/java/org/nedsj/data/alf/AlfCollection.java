package org.nedsj.data.alf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of ALF files (e.g. {@code alf/probe00/pykilosort}), including its revision sub-folders
 * {@code #revision#/}. A dataset is taken from the latest revision that has it (revision names sort
 * as dates do), the folder itself counting as the oldest; within one revision a name without extras
 * is preferred over UUID-suffixed copies.
 */
public final class AlfCollection {

    private final Path dir;
    private final String label;

    /**
     * @param dir   the collection folder
     * @param label how the collection is named in messages and manifests, e.g. {@code alf/probe00/pykilosort}
     */
    public AlfCollection(Path dir, String label) {
        this.dir = dir;
        this.label = label;
    }

    public Path dir() {
        return dir;
    }

    public String label() {
        return label;
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The file holding {@code object.attribute.extension}, if this collection has one. */
    public Optional<Path> find(String object, String attribute, String extension) {
        if (!exists()) {
            return Optional.empty();
        }
        List<Candidate> found = new ArrayList<>();
        collect(dir, "", object, attribute, extension, found);
        for (Path rev : revisions()) {
            String name = rev.getFileName().toString();
            collect(rev, name.substring(1, name.length() - 1), object, attribute, extension, found);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String latest = found.stream().map(Candidate::revision).max(Comparator.naturalOrder()).orElseThrow();
        List<Candidate> newest = found.stream().filter(c -> c.revision.equals(latest)).toList();
        if (newest.size() == 1) {
            return Optional.of(newest.get(0).path);
        }
        List<Candidate> plain = newest.stream().filter(c -> c.name.extras().isEmpty()).toList();
        if (plain.size() == 1) {
            return Optional.of(plain.get(0).path);
        }
        throw new AlfDataException("ambiguous ALF dataset " + object + "." + attribute + "." + extension + " in " + dir
                + ": " + newest.stream().map(c -> c.path.getFileName().toString()).sorted().toList()
                + "; remove the copies that should not be read");
    }

    /** The path of {@code object.attribute.extension}, or an {@link AlfDataException} naming what is missing where. */
    public Path require(String object, String attribute, String extension, String namespace) {
        return find(object, attribute, extension).orElseThrow(() -> new AlfDataException("missing file "
                + dir.resolve(alfFileName(namespace, object, attribute, extension))
                + "; download this dataset into the collection " + label + " (e.g. with ONE) or choose another session"));
    }

    static String alfFileName(String namespace, String object, String attribute, String extension) {
        return (namespace.isEmpty() ? "" : "_" + namespace + "_") + object + "." + attribute + "." + extension;
    }

    private List<Path> revisions() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> {
                String n = p.getFileName().toString();
                return n.length() > 2 && n.startsWith("#") && n.endsWith("#");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void collect(Path folder, String revision, String object, String attribute, String extension, List<Candidate> out) {
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).forEach(p -> AlfName.parse(p.getFileName().toString())
                    .filter(n -> n.matches(object, attribute, extension))
                    .ifPresent(n -> out.add(new Candidate(p, n, revision))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private record Candidate(Path path, AlfName name, String revision) {
    }

    @Override
    public String toString() {
        return label + " (" + dir + ")";
    }
}
