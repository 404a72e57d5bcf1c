package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nedsj.spi.RecordingFormat;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.store.PrepareResult;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds prepare}: an ALF/ONE cache (or any recordings a data source plugin reads) to a prepared dataset. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Finds the sessions of an ALF/ONE cache (--alf) or of any recordings a data source plugin reads (--in, "
                + "e.g. NWB files), aligns and bins their trials, and writes a prepared dataset."})
final class PrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

    @Option(names = "--alf", paramLabel = "DIR", description = "Root of the ALF/ONE cache (or of `neds synth` output).")
    Path alf;

    @Option(names = "--in", paramLabel = "PATH", description = "Recordings another data source reads (e.g. FILE.nwb or a folder of them).")
    Path in;

    @Option(names = "--source", paramLabel = "NAME", description = "With --in: the data source to read it with (default: the one that recognises it).")
    String source;

    @Option(names = "--out", required = true, paramLabel = "DATA", description = "Folder to write the prepared dataset into.")
    Path out;

    @Option(names = "--config", paramLabel = "F", description = "Experiment file whose data section sets the preprocessing.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ExperimentSources sources = new ExperimentSources(Optional.ofNullable(config), List.of(), neds.systemProperties());
        if ((alf == null) == (in == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --alf DIR and --in PATH");
        }
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            PrintWriter w = spec.commandLine().getOut();
            if (in != null) {
                Map.Entry<String, RecordingFormat> format = RecordingFormats.choose(context.plugins(), in, source);
                w.println(format.getValue().prepare(context.config().getConfig("data"), in, out, line -> { w.println(line); w.flush(); }));
                w.println("next: neds train --config " + (config != null ? config : "F") + " --set data.source=prepared --set data.path="
                        + out + (config != null ? "" : " (F: an experiment naming the same modalities)"));
                return 0;
            }
            PrepareResult result = new DatasetPreparer(context.config().getConfig("data"))
                    .prepare(alf, out, line -> { w.println(line); w.flush(); });
            w.println(result.describe());
            w.println("next: neds train --config conf/quickstart.conf --set data.path=" + out);
        }
        return 0;
    }
}
