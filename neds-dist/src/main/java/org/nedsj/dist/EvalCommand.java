package org.nedsj.dist;

import org.nedsj.spi.Split;
import org.nedsj.trainer.evaluate.EvaluationRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neds eval}: evaluates a trained run on every task. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluates every task (encoding, decoding, per modality, per session) and writes report.json, report.txt and report.html.")
final class EvalCommand implements Callable<Integer> {

    /** The trial splits a run can be evaluated on. */
    enum SplitName { train, val, test }

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory of a trained model.")
    Path run;

    @Option(names = "--data", paramLabel = "DATA", description = "Prepared dataset (default: the run's own).")
    Path data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "Split to evaluate on: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SplitName split;

    @Option(names = "--out", paramLabel = "REPORT", description = "Folder for the report files (default: inside RUN).")
    Path out;

    @Option(names = "--mask", paramLabel = "SCHEME", split = ",",
            description = "Also evaluate under these masking schemes (e.g. self-modality), each reported under its name.")
    List<String> masks = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        EvaluationRun.Result result = EvaluationRun.evaluate(run, data, Split.parse(split.name()), masks, List.of(), out, System.out);
        for (Path f : result.files()) {
            if (f.getFileName().toString().equals("report.txt")) {
                System.out.println(java.nio.file.Files.readString(f));
            }
        }
        result.files().forEach(f -> System.out.println("wrote " + f));
        return 0;
    }
}
