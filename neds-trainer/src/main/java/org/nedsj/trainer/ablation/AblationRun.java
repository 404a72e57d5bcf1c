package org.nedsj.trainer.ablation;

import org.nedsj.eval.report.AblationTable;
import org.nedsj.spi.Split;
import org.nedsj.trainer.evaluate.EvaluationRun;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.train.TrainRun;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code neds ablate}: one model per set of masking schemes, trained with the same data, seed and
 * budget, each evaluated on the test split, and one table comparing every metric.
 *
 * <p>A set of one scheme trains with that scheme alone; a set of several trains with {@code mixed}
 * over them, equally weighted.
 */
public final class AblationRun {

    private AblationRun() {
    }

    /** The scheme sets of {@code --schemes}: sets separated by ';', schemes within a set by ','. */
    public static List<List<String>> parse(String schemes) {
        List<List<String>> sets = new ArrayList<>();
        for (String set : schemes.split(";")) {
            List<String> names = new ArrayList<>();
            for (String name : set.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            if (!names.isEmpty()) {
                sets.add(names);
            }
        }
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("--schemes '" + schemes + "' names no scheme; e.g. --schemes \"encoding,decoding;mixed\"");
        }
        return sets;
    }

    /** The label of a set in folder names and the table: its schemes joined by '+'. */
    public static String label(List<String> set) {
        return String.join("+", set);
    }

    /** Configuration overrides that train with exactly this set. */
    static List<String> overrides(List<String> set) {
        List<String> o = new ArrayList<>();
        o.add("train.mode=mm");
        if (set.size() == 1) {
            o.add("train.modes.mm=" + set.get(0));
        } else {
            o.add("train.modes.mm=mixed");
            o.add("masking.mixed.schemes=[" + String.join(",", set) + "]");
            o.add("masking.mixed.weights=[]");
        }
        return o;
    }

    public static List<Path> run(Path config, String schemes, List<String> sets, Path out, PrintStream console,
                                 boolean terminal) throws IOException {
        List<AblationTable.Row> rows = new ArrayList<>();
        for (List<String> set : parse(schemes)) {
            String label = label(set);
            Path runDir = out.resolve(label);
            List<String> all = new ArrayList<>(sets);
            all.addAll(overrides(set));
            console.printf(Locale.ROOT, "== %s ==%n", label);
            try (Experiment experiment = Experiment.open(config, all)) {
                TrainRun.start(experiment, runDir, console, terminal);
            }
            EvaluationRun.Result result = EvaluationRun.evaluate(runDir, null, Split.TEST, List.of(), sets, null, console);
            rows.add(new AblationTable.Row(label, result.report()));
        }
        return new AblationTable(rows).write(out);
    }
}
