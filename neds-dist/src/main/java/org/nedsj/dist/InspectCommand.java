package org.nedsj.dist;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nedsj.spi.RecordingFormat;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds inspect FILE}: what a recording holds, so a user can write the data source's mapping. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Lists what a recording holds (for an NWB file: its tables, columns, series, lengths and units), "
                + "asking each data source plugin whether it reads the input."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A recording file or folder (e.g. FILE.nwb).")
    Path input;

    @Option(names = "--source", paramLabel = "NAME", description = "The data source to read it with (default: the one that recognises it).")
    String source;

    @Override
    public Integer call() {
        ExperimentSources sources = new ExperimentSources(Optional.empty(), List.of(), neds.systemProperties());
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            Map.Entry<String, RecordingFormat> format = RecordingFormats.choose(context.plugins(), input, source);
            spec.commandLine().getOut().print(format.getValue().inspect(input));
            spec.commandLine().getOut().println("\n(read by the " + format.getKey() + " data source)");
        }
        return 0;
    }
}
