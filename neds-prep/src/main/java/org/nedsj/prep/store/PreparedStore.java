package org.nedsj.prep.store;

import org.nedsj.prep.align.PreparedSession;
import org.nedsj.prep.npy.NpyArray;
import org.nedsj.prep.npy.NpyDtype;
import org.nedsj.prep.npy.NpyFormatException;
import org.nedsj.prep.npy.NpyReader;
import org.nedsj.prep.npy.NpyStrings;
import org.nedsj.prep.npy.NpyWriter;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The per-session folders of a prepared dataset: written atomically (into a hidden temporary
 * folder beside the target, then moved into place, replacing an older version), read memory-mapped
 * with every file's type and shape checked.
 */
public final class PreparedStore {

    /** Prefixes of this class's own temporary folders; nothing else is ever cleaned up. */
    private static final String PARTIAL = ".neds-partial-";
    private static final String OLD = ".neds-old-";

    private PreparedStore() {
    }

    /**
     * Writes {@code DATA/<id>/}; on failure nothing of the new session is left.
     *
     * @param previousBehaviours behaviour names of the dataset's previous manifest, whose files an older version of the
     *                           session may hold (they are not foreign)
     */
    public static Path write(Path dataDir, PreparedSession s, Collection<String> previousBehaviours) {
        String id = s.summary().id();
        s.dynamic().forEach((name, values) -> requireFinite(values, name, s));
        Path target = dataDir.resolve(id);
        Path tmp = null;
        try {
            Files.createDirectories(dataDir);
            tmp = Files.createTempDirectory(dataDir, PARTIAL + id + "-");
            int t = s.trials();
            NpyWriter.writeBytes(tmp.resolve(PreparedFiles.SPIKES), NpyDtype.U1, s.spikes(), t, s.bins(), s.neurons());
            for (var d : s.dynamic().entrySet()) {
                NpyWriter.writeFloats(tmp.resolve(PreparedFiles.of(d.getKey())), d.getValue(), t, s.bins());
            }
            for (var c : s.statics().entrySet()) {
                NpyWriter.writeBytes(tmp.resolve(PreparedFiles.of(c.getKey())), NpyDtype.I1, c.getValue().values());
            }
            NpyWriter.writeLongs(tmp.resolve(PreparedFiles.TRIAL_INDEX), s.trialIndex());
            NpyWriter.writeLongs(tmp.resolve(PreparedFiles.UNITS), s.units());
            NpyWriter.writeBytes(tmp.resolve(PreparedFiles.SPLIT), NpyDtype.I1, s.split());
            NpyStrings.write(tmp.resolve(PreparedFiles.REGIONS), s.regions().toArray(String[]::new));
            if (Files.exists(target)) {
                requirePrepared(target, previousBehaviours);
                Path old = dataDir.resolve(OLD + id + "-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                deleteRecursively(tmp);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write prepared session " + target + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The last check before writing: training needs finite behaviour values everywhere. */
    private static void requireFinite(float[] values, String name, PreparedSession s) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("session " + s.summary().id() + " (" + s.summary().alfPath() + "): the "
                        + name + " of trial " + i / s.bins() + " came out as " + values[i] + " after preprocessing; check that "
                        + "session's " + name + " input files for extreme or missing values");
            }
        }
    }

    /** A session folder is replaced only when it holds nothing but prepared files. */
    private static void requirePrepared(Path sessionDir, Collection<String> behaviours) throws IOException {
        List<String> ours = PreparedFiles.sessionFiles(List.copyOf(behaviours));
        try (Stream<Path> s = Files.list(sessionDir)) {
            List<String> foreign = s.map(p -> p.getFileName().toString())
                    .filter(n -> !ours.contains(n)).sorted().toList();
            if (!foreign.isEmpty() || !Files.isDirectory(sessionDir)) {
                throw new IllegalArgumentException(sessionDir + " holds files neds prepare did not write " + foreign
                        + "; it was left as it is: move it out of the dataset folder, or choose another --out");
            }
        }
    }

    /** Removes the temporary folders of an interrupted run (only this class's own, by their prefix). */
    public static void removeLeftovers(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dataDir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isDirectory(p) && (n.startsWith(PARTIAL) || n.startsWith(OLD));
            }).forEach(PreparedStore::deleteRecursively);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataDir, e);
        }
    }

    /** Whether {@code DATA/<id>/} holds every file with the manifest's trial and neuron counts. */
    public static boolean isComplete(Path dataDir, Manifest.Entry entry, int bins, List<Manifest.Behaviour> behaviours) {
        try {
            open(dataDir, entry, bins, behaviours);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Memory-maps {@code DATA/<id>/}.
     *
     * @throws NpyFormatException naming the file when a file is missing or has another type or shape
     */
    public static PreparedSessionData open(Path dataDir, Manifest.Entry entry, int bins, List<Manifest.Behaviour> behaviours) {
        Path dir = dataDir.resolve(entry.id());
        long t = entry.trials();
        long n = entry.neurons();
        NpyArray spikes = expect(dir.resolve(PreparedFiles.SPIKES), NpyDtype.U1, "uint8 [trials, bins, neurons]", t, bins, n);
        Map<String, NpyArray> values = new LinkedHashMap<>();
        for (Manifest.Behaviour b : behaviours) {
            Path file = dir.resolve(PreparedFiles.of(b.name()));
            values.put(b.name(), b.dynamic() ? expect(file, NpyDtype.F4, "float32 [trials, bins]", t, bins)
                    : expect(file, NpyDtype.I1, "int8 [trials]", t));
        }
        expect(dir.resolve(PreparedFiles.TRIAL_INDEX), NpyDtype.I8, "int64 [trials]", t);
        NpyArray units = expect(dir.resolve(PreparedFiles.UNITS), NpyDtype.I8, "int64 [neurons]", n);
        NpyArray split = expect(dir.resolve(PreparedFiles.SPLIT), NpyDtype.I1, "int8 [trials]", t);
        int[] perSplit = new int[3];
        for (long i = 0; i < t; i++) {
            long code = split.getLong(i);
            if (code < 0 || code > 2) {
                throw new NpyFormatException(split.file(), "trial " + i + " has split code " + code + "; codes are 0 (train), 1 (val), 2 (test)");
            }
            perSplit[(int) code]++;
        }
        SessionInfo info = new SessionInfo(entry.id(), (int) n, perSplit[0], perSplit[1], perSplit[2], entry.alfPath());
        List<ModalitySpec> modalities = new ArrayList<>();
        modalities.add(ModalitySpec.neuralCounts(PreparedSession.SPIKES, bins));
        behaviours.forEach(b -> modalities.add(b.spec(bins)));
        return new PreparedSessionData(info, bins, modalities, spikes, values, split, units.toLongArray(), regions(dir, n));
    }

    /** Each neuron's region; all unknown in a dataset prepared before regions were read. */
    private static List<String> regions(Path dir, long neurons) {
        Path file = dir.resolve(PreparedFiles.REGIONS);
        if (!Files.isRegularFile(file)) {
            return java.util.Collections.nCopies((int) neurons, PreparedSession.UNKNOWN_REGION);
        }
        String[] regions = NpyStrings.read(file);
        if (regions.length != neurons) {
            throw new NpyFormatException(file, "names " + regions.length + " regions for the manifest's " + neurons
                    + " neurons; the file does not belong to this manifest, run neds prepare again");
        }
        return Arrays.stream(regions).map(r -> r == null ? PreparedSession.UNKNOWN_REGION : r).toList();
    }

    private static NpyArray expect(Path file, NpyDtype dtype, String what, long... shape) {
        if (!Files.isRegularFile(file)) {
            throw new NpyFormatException(file, "missing; the prepared dataset is incomplete, run neds prepare again");
        }
        NpyArray a = mapPrepared(file);
        if (a.dtype() != dtype || !Arrays.equals(a.shape(), shape)) {
            throw new NpyFormatException(file, "expected " + what + " = " + dtype.code() + " " + Arrays.toString(shape)
                    + " as the manifest says, found " + a.header().descr() + " " + a.header().shapeString()
                    + "; the file does not belong to this manifest, run neds prepare again");
        }
        return a;
    }

    /** A prepared file that cannot be read was written by neds prepare: preparing again is the fix. */
    private static NpyArray mapPrepared(Path file) {
        try {
            return NpyReader.map(file);
        } catch (NpyFormatException e) {
            String problem = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
            int advice = problem.lastIndexOf("; ");
            throw new NpyFormatException(file, (advice > 0 ? problem.substring(0, advice) : problem)
                    + "; this prepared file is damaged, run neds prepare again", e);
        }
    }

    /** Deletes a folder and everything in it (nothing when it does not exist). */
    public static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + f, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
