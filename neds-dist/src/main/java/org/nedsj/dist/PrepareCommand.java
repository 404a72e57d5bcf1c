package org.nedsj.dist;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds prepare}: ALF/ONE cache to a prepared dataset. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Finds the sessions of an ALF/ONE cache, aligns and bins their trials, and writes a prepared dataset.")
final class PrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--alf", required = true, paramLabel = "DIR", description = "Root of the ALF/ONE cache (or of `neds synth` output).")
    Path alf;

    @Option(names = "--out", required = true, paramLabel = "DATA", description = "Folder to write the prepared dataset into.")
    Path out;

    @Option(names = "--config", paramLabel = "F", description = "Experiment file whose data section sets the preprocessing.")
    Path config;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
