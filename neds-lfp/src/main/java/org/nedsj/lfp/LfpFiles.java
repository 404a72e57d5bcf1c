package org.nedsj.lfp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The LFP stream of one probe as IBL distributes it in {@code raw_ephys_data/probeXX/}: the compressed
 * {@code *.lf.cbin} + {@code *.lf.ch}, or the raw {@code *.lf.bin}, each with its {@code *.lf.meta}. The compressed
 * file is preferred when both are there (they hold the same samples).
 */
public final class LfpFiles {

    private LfpFiles() {
    }

    /** The probe folder of a session: {@code <session>/raw_ephys_data/<probe>}. */
    public static Path probeFolder(Path session, String probe) {
        return session.resolve("raw_ephys_data").resolve(probe);
    }

    /** Whether {@code folder} holds an LFP stream. */
    public static boolean present(Path folder) {
        return find(folder, ".lf.cbin").isPresent() || find(folder, ".lf.bin").isPresent();
    }

    /** The files the stream is read from (data, header and meta), for fingerprints. */
    public static List<Path> inputs(Path folder) {
        Optional<Path> cbin = find(folder, ".lf.cbin");
        if (cbin.isPresent()) {
            return List.of(cbin.get(), sibling(cbin.get(), ".lf.cbin", ".lf.ch"), sibling(cbin.get(), ".lf.cbin", ".lf.meta"));
        }
        Path bin = find(folder, ".lf.bin").orElseThrow(() -> missing(folder));
        return List.of(bin, sibling(bin, ".lf.bin", ".lf.meta"));
    }

    /** Opens the stream of {@code folder}. @throws IllegalArgumentException naming the folder or file when it is incomplete */
    public static LfpRecording open(Path folder) {
        List<Path> files = inputs(folder);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("LFP stream " + files.get(0) + " has no " + f.getFileName()
                        + " beside it; SpikeGLX and mtscomp write it with the recording: copy it into " + folder);
            }
        }
        SpikeGlxMeta meta = SpikeGlxMeta.read(files.get(files.size() - 1));
        return files.size() == 3 ? new MtscompFile(files.get(0), files.get(1), meta) : new SpikeGlxBinFile(files.get(0), meta);
    }

    private static Optional<Path> find(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.size() > 1) {
                throw new IllegalArgumentException(folder + " holds " + found.size() + " *" + suffix + " files " + found
                        + "; keep one LFP stream per probe folder");
            }
            return found.stream().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static Path sibling(Path file, String suffix, String other) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - suffix.length()) + other);
    }

    private static IllegalArgumentException missing(Path folder) {
        return new IllegalArgumentException("no LFP stream in " + folder + ": expected *.lf.cbin with *.lf.ch and *.lf.meta, or "
                + "*.lf.bin with *.lf.meta (IBL's raw_ephys_data/probeXX/); download the raw LFP, or set data.lfp.probe");
    }
}
