package org.nedsj.dist;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds demo}: the main job on the built-in default data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on the built-in default: synth -> prepare -> train (quickstart) -> eval, then prints where the report is.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the data, the run and the report (default: a new folder under demo/).")
    Path out;

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec);
    }
}
