package org.nedsj.dist;

import org.nedsj.trainer.train.FinetuneRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds finetune}: adapts a trained model to sessions it never saw. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Adapts a trained model to sessions it never saw (new stitchers; backbone frozen or not) and writes a new run.")
final class FinetuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory of the trained model.")
    Path run;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Prepared dataset holding the new sessions.")
    Path data;

    @Option(names = "--sessions", paramLabel = "ID", split = ",", arity = "1..*",
            description = "Sessions to adapt to (default: every session of DATA the model has not seen).")
    List<String> sessions = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one configuration key (repeatable); the value is HOCON.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "RUN", description = "Run directory to create (default: a new folder under runs/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : RunFolders.fresh("runs", "finetune");
        FinetuneRun.start(run, data, sessions, sets, target, System.out, Terminal.attached());
        System.out.println("next: neds eval --run " + target + " --data " + data);
        return 0;
    }
}
