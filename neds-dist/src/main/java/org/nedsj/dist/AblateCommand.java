package org.nedsj.dist;

import org.nedsj.eval.report.AblationTable;
import org.nedsj.trainer.ablation.AblationRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds ablate}: one model per masking-scheme set, compared in one table. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Trains one model per masking-scheme set (same data, seed and budget) and writes a comparison table.")
final class AblateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "F", description = "Experiment file (HOCON).")
    Path config;

    @Option(names = "--schemes", required = true, paramLabel = "SETS",
            description = "Scheme sets to compare: schemes of one set joined by ',', sets by ';', e.g. \"encoding,decoding;mixed\".")
    String schemes;

    @Option(names = "--set", paramLabel = "KEY=VALUE", converter = ConfigAssignment.class,
            description = "Override one configuration key for every model (repeatable); the value is HOCON.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the runs and the table (default: a new folder under runs/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : RunFolders.fresh("runs", "ablate");
        List<Path> files = AblationRun.run(config, schemes, sets, target, System.out, Terminal.attached());
        System.out.println(java.nio.file.Files.readString(target.resolve(AblationTable.TEXT)));
        files.forEach(f -> System.out.println("wrote " + f));
        return 0;
    }
}
