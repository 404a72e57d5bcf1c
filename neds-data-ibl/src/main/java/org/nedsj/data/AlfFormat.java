package org.nedsj.data;

import com.typesafe.config.Config;
import org.nedsj.data.alf.SessionFileResolver;
import org.nedsj.data.alf.SessionFiles;
import org.nedsj.data.alf.SessionFinder;
import org.nedsj.data.alf.SessionRef;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.align.IncompleteSessionException;
import org.nedsj.spi.RecordingFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** ALF/ONE caches for {@code neds inspect} (sessions and the files each would be prepared from) and {@code neds prepare --in}. */
final class AlfFormat implements RecordingFormat {

    @Override
    public boolean recognises(Path input) {
        try {
            return Files.isDirectory(input) && !SessionFinder.find(input).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String inspect(Path input) {
        PreprocessingConfig config = PreprocessingConfig.defaults();
        StringBuilder out = new StringBuilder();
        for (SessionRef ref : SessionFinder.find(input)) {
            out.append(ref.id()).append("  ").append(ref.path()).append('\n');
            try {
                SessionFiles files = SessionFileResolver.resolve(ref, config);
                out.append("  trials from ").append(files.trialsCollection()).append('\n');
                files.inputs().forEach(p -> out.append("  ").append(ref.path().relativize(p.toAbsolutePath().normalize())).append('\n'));
            } catch (IncompleteSessionException e) {
                out.append("  not preparable: ").append(e.getMessage()).append('\n');
            } catch (IllegalArgumentException e) {
                out.append("  incomplete: ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public String prepare(Config data, Path input, Path out, Consumer<String> log) {
        return new DatasetPreparer(data).prepare(input, out, log).describe();
    }
}
