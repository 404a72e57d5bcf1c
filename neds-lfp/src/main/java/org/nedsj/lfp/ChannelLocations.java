package org.nedsj.lfp;

import org.nedsj.prep.npy.NpyStrings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The brain region of each channel of a probe, when the session has it:
 * {@code alf/<probe>/[<collection>/]channels.brainLocationAcronyms_ccf_2017[.<uuid>].npy} (Allen acronyms, one per
 * channel in channel order).
 */
final class ChannelLocations {

    static final String PREFIX = "channels.brainLocationAcronyms_ccf_2017";

    private ChannelLocations() {
    }

    static Optional<Path> file(Path session, String probe) {
        Path dir = session.resolve("alf").resolve(probe);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(".npy"))
                    .sorted().reduce((a, b) -> b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Each channel's region, or null when the session has no channel locations. */
    static List<String> read(Path session, String probe) {
        return file(session, probe).map(f -> Arrays.stream(NpyStrings.read(f)).map(r -> r == null ? "unknown" : r).toList())
                .orElse(null);
    }
}
