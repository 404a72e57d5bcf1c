package org.nedsj.trainer.scaling;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.nedsj.eval.EvaluationReport;
import org.nedsj.eval.report.ReportJson;
import org.nedsj.eval.report.ScalingTable;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.config.ConfigOverrides;
import org.nedsj.trainer.evaluate.EvaluationRun;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.train.FinetuneRun;
import org.nedsj.trainer.train.TrainRun;

/**
 * {@code neds scaling}: pretrains on growing subsets of the training sessions (the first N in id
 * order, so each subset holds the smaller ones), fine-tunes each pretrained model on the same held-out
 * sessions, evaluates it on their test trials and writes a {@link ScalingTable}.
 *
 * <p>Each size N has its own folder {@code n<N>/} with the runs {@code pretrained} and
 * {@code finetuned}. A rerun with the same settings reuses what is finished: a pretraining marked done
 * is kept, one that was interrupted is resumed from its latest checkpoint; a fine-tuned run whose
 * report exists is read back, an interrupted fine-tuning (short) is started again.
 */
public final class ScalingRun {

    static final String PLAN = "scaling-plan.txt";
    private static final String PRETRAINED_DONE = "pretrained.done";
    private static final String FINETUNE_STARTED = "finetune.started";
    private static final String FINETUNED_DONE = "finetuned.done";

    private ScalingRun() {
    }

    /** The sizes of {@code --sessions}: positive, distinct, in ascending order. */
    public static List<Integer> parseSizes(String sizes) {
        var out = new LinkedHashSet<Integer>();
        for (String s : sizes.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sessions '" + sizes + "': '" + s.trim() + "' is not a number; "
                        + "give counts of pretraining sessions, e.g. --sessions 1,2,4,8");
            }
            if (n < 1) {
                throw new IllegalArgumentException("--sessions '" + sizes + "': counts must be ≥ 1, got " + n);
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--sessions '" + sizes + "' names no count; e.g. --sessions 1,2,4,8");
        }
        return out.stream().sorted().toList();
    }

    /**
     * @param heldOut the sessions to fine-tune and evaluate on; empty for the experiment's
     *                {@code train.held-out-sessions}, or else the last session of the data
     */
    public static List<Path> run(Path config, List<Integer> sizes, List<String> heldOut, List<String> sets, Path out,
                                 PrintStream console, boolean terminal) throws IOException {
        Plan plan = Plan.of(config, sizes, heldOut, sets);
        Files.createDirectories(out);
        plan.claim(out, config, sets);
        var points = new ArrayList<ScalingTable.Point>();
        for (int n : sizes) {
            List<String> pretraining = plan.pool().subList(0, n);
            console.printf(Locale.ROOT, "== %d pretraining session(s): %s; held out: %s ==%n", n,
                    String.join(", ", pretraining), String.join(", ", plan.heldOut()));
            Path point = out.resolve("n" + n);
            Files.createDirectories(point);
            pretrain(config, sets, plan, pretraining, point, console, terminal);
            points.add(new ScalingTable.Point(pretraining, finetuneAndEvaluate(sets, plan, point, console, terminal)));
        }
        return new ScalingTable(points, plan.heldOut()).write(out);
    }

    private static void pretrain(Path config, List<String> sets, Plan plan, List<String> pretraining, Path point,
                                 PrintStream console, boolean terminal) throws IOException {
        Path run = point.resolve("pretrained");
        if (Files.exists(point.resolve(PRETRAINED_DONE))) {
            console.println("reusing the finished pretraining in " + run);
            return;
        }
        if (Files.isDirectory(run) && !isEmpty(run)) {
            TrainRun.resume(run, List.of(), console, terminal);
        } else {
            List<String> all = new ArrayList<>(sets);
            List<String> others = plan.all().stream().filter(id -> !pretraining.contains(id)).toList();
            all.add(ConfigOverrides.setStrings("train.held-out-sessions", others));
            try (Experiment experiment = Experiment.open(config, all)) {
                TrainRun.start(experiment, run, console, terminal);
            }
        }
        Files.writeString(point.resolve(PRETRAINED_DONE), "pretraining finished\n");
    }

    private static EvaluationReport finetuneAndEvaluate(List<String> sets, Plan plan, Path point, PrintStream console,
                                                        boolean terminal) throws IOException {
        Path run = point.resolve("finetuned");
        Path report = run.resolve("report").resolve("report.json");
        if (Files.isRegularFile(report)) {
            console.println("reusing the evaluated fine-tuning in " + run);
            return ReportJson.read(report);
        }
        if (!Files.exists(point.resolve(FINETUNED_DONE))) {
            if (Files.exists(run)) {
                if (!Files.exists(point.resolve(FINETUNE_STARTED))) {
                    throw new IllegalArgumentException(run + " exists but neds scaling did not start it; move it away "
                            + "or choose another --out");
                }
                console.println("starting the interrupted fine-tuning in " + run + " again");
                deleteTree(run);
            }
            Files.writeString(point.resolve(FINETUNE_STARTED), "fine-tuning started\n");
            FinetuneRun.start(point.resolve("pretrained"), plan.data(), plan.heldOut(), sets, run, console, terminal);
            Files.writeString(point.resolve(FINETUNED_DONE), "fine-tuning finished\n");
        }
        return EvaluationRun.evaluate(run, null, Split.TEST, List.of(), sets, plan.heldOut(), null, console).report();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Removes a fine-tuning folder this command created (its marker says so) and that was interrupted. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /**
     * Which sessions pretrain and which are held out.
     *
     * @param all  every session of the data, in id order
     * @param pool the sessions pretraining draws from (all but the held-out ones), in id order
     */
    record Plan(Path data, List<String> all, List<String> pool, List<String> heldOut) {

        static Plan of(Path config, List<Integer> sizes, List<String> heldOutArg, List<String> sets) {
            try (Experiment experiment = Experiment.open(config, sets)) {
                List<String> all = experiment.data().sessions().stream().map(SessionInfo::id).sorted().toList();
                List<String> heldOut = !heldOutArg.isEmpty() ? List.copyOf(heldOutArg)
                        : !experiment.config().getStringList("train.held-out-sessions").isEmpty()
                        ? experiment.config().getStringList("train.held-out-sessions")
                        : List.of(all.get(all.size() - 1));
                List<String> unknown = heldOut.stream().filter(id -> !all.contains(id)).toList();
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("--held-out names sessions the data does not have: " + unknown
                            + "; it has " + all);
                }
                List<String> pool = all.stream().filter(id -> !heldOut.contains(id)).toList();
                int largest = sizes.get(sizes.size() - 1);
                if (largest > pool.size()) {
                    throw new IllegalArgumentException("--sessions asks for " + largest + " pretraining sessions but the data has "
                            + pool.size() + " besides the held-out " + heldOut + "; give counts up to " + pool.size());
                }
                Path data = Path.of(experiment.config().getString("data.path")).toAbsolutePath();
                return new Plan(data, all, pool, List.copyOf(heldOut));
            }
        }

        /**
         * Records the settings in {@code out}, or checks that a rerun's settings are those recorded, so
         * that finished runs are only reused for the experiment they belong to.
         */
        void claim(Path out, Path config, List<String> sets) throws IOException {
            String text = "config sha-256 " + sha256(Files.readString(config)) + "\nset " + sets + "\nsessions " + all
                    + "\nheld out " + heldOut + "\n";
            Path file = out.resolve(PLAN);
            if (Files.isRegularFile(file)) {
                if (!Files.readString(file).equals(text)) {
                    throw new IllegalArgumentException(out + " holds a scaling run of other settings (" + file
                            + "); choose another --out, or rerun with the same experiment, --set and --held-out");
                }
                return;
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty and holds no " + PLAN
                            + "; choose a new or empty --out");
                }
            }
            RunDirectory.writeAtomically(file, text);
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }
}
