package org.nedsj.dist;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.nedsj.data.prepared.DatasetPreparer;
import org.nedsj.prep.store.PrepareResult;
import org.nedsj.trainer.config.ExperimentContext;
import org.nedsj.trainer.config.ExperimentSources;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code neds prepare}: ALF/ONE cache to a prepared dataset. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Finds the sessions of an ALF/ONE cache, aligns and bins their trials, and writes a prepared dataset.")
final class PrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Neds neds;

    @Option(names = "--alf", required = true, paramLabel = "DIR", description = "Root of the ALF/ONE cache (or of `neds synth` output).")
    Path alf;

    @Option(names = "--out", required = true, paramLabel = "DATA", description = "Folder to write the prepared dataset into.")
    Path out;

    @Option(names = "--config", paramLabel = "F", description = "Experiment file whose data section sets the preprocessing.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ExperimentSources sources = new ExperimentSources(Optional.ofNullable(config), List.of(), neds.systemProperties());
        try (ExperimentContext context = ExperimentContext.open(sources)) {
            PrintWriter w = spec.commandLine().getOut();
            PrepareResult result = new DatasetPreparer(context.config().getConfig("data"))
                    .prepare(alf, out, line -> { w.println(line); w.flush(); });
            w.println(result.describe());
            w.println("next: neds train --config conf/quickstart.conf --set data.path=" + out);
        }
        return 0;
    }
}
