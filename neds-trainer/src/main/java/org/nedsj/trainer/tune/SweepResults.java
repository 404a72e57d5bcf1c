package org.nedsj.trainer.tune;

import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nedsj.eval.report.SweepReport;
import org.nedsj.trainer.run.RunDirectory;

/**
 * Where a sweep stands, from its journal: one {@link TrialResult} per trial, and the best. Written as
 * {@code results.csv} (one row per trial: trial, status, epochs, metric, each varied value, error),
 * {@code report.html} and {@code best.conf} (the best trial's resolved configuration, which
 * {@code neds train --config} runs as is).
 *
 * <p>Statuses: {@code completed} (trained to tune.max-epochs), {@code early-stopped} (its own patience ended
 * it), {@code stopped} (ASHA stopped it at a rung), {@code failed} (an error; its message in the last column),
 * {@code promoted} (going on past a rung when the sweep was cut off) and {@code pending} (not started).
 */
public record SweepResults(List<TrialResult> trials, Optional<TrialResult> best, List<Path> files) {

    public static final String RESULTS = "results.csv";
    public static final String BEST = "best.conf";

    /** One trial: its values, status, the epoch it reached and its metric there. */
    public record TrialResult(int trial, Map<String, ConfigValue> values, String status, int epochs, double metric,
                              String error) {
    }

    static SweepResults of(Path out, TuneSettings settings, SweepJournal journal) {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < settings.trialCount(); i++) {
            List<SweepJournal.Entry> entries = journal.of(i);
            if (entries.isEmpty()) {
                trials.add(new TrialResult(i, settings.values(i), "pending", 0, Double.NaN, ""));
            } else {
                SweepJournal.Entry last = entries.get(entries.size() - 1);
                trials.add(new TrialResult(i, settings.values(i), last.event().label(), last.epoch(), last.metric(),
                        last.event() == SweepJournal.Event.FAILED ? last.detail() : ""));
            }
        }
        return new SweepResults(trials, best(trials, new TuneMetric(settings.metric())), List.of());
    }

    /**
     * The best metric (lowest, or highest for a report metric better higher) among trials that ran their course
     * (completed or early-stopped); while none has, the best among the others that reached a rung. Ties go to the
     * earlier trial.
     */
    private static Optional<TrialResult> best(List<TrialResult> trials, TuneMetric metric) {
        Comparator<TrialResult> order = Comparator.<TrialResult>comparingDouble(t -> metric.score(t.metric()))
                .thenComparingInt(TrialResult::trial);
        Optional<TrialResult> finished = trials.stream()
                .filter(t -> t.status().equals("completed") || t.status().equals("early-stopped"))
                .filter(t -> Double.isFinite(t.metric())).min(order);
        if (finished.isPresent()) {
            return finished;
        }
        return trials.stream().filter(t -> t.status().equals("stopped") || t.status().equals("promoted"))
                .filter(t -> Double.isFinite(t.metric())).min(order);
    }

    static SweepResults write(Path out, TuneSettings settings, SweepJournal journal) throws IOException {
        SweepResults now = of(out, settings, journal);
        List<Path> files = new ArrayList<>();
        Path csv = out.resolve(RESULTS);
        RunDirectory.writeAtomically(csv, csv(settings, now.trials()));
        files.add(csv);
        files.add(report(out, settings, now));
        if (now.best().isPresent()) {
            files.add(bestConf(out, settings, now.best().get()));
        }
        return new SweepResults(now.trials(), now.best(), List.copyOf(files));
    }

    private static String csv(TuneSettings settings, List<TrialResult> trials) {
        StringBuilder s = new StringBuilder("trial,status,epochs,").append(settings.metric());
        settings.space().keys().forEach(k -> s.append(',').append(k));
        s.append(",error\n");
        for (TrialResult t : trials) {
            s.append(TuneRun.trialName(t.trial())).append(',').append(t.status()).append(',').append(t.epochs()).append(',')
                    .append(Double.isNaN(t.metric()) ? "" : String.format(Locale.ROOT, "%.6g", t.metric()));
            settings.space().keys().forEach(k -> s.append(',').append(cell(SpaceCheck.render(t.values().get(k)))));
            s.append(',').append(cell(t.error())).append('\n');
        }
        return s.toString();
    }

    private static String cell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Path bestConf(Path out, TuneSettings settings, TrialResult best) throws IOException {
        Path resolved = TuneRun.trialDir(out, best.trial()).resolve("resolved.conf");
        String header = String.format(Locale.ROOT, "# The best trial of the sweep in %s: %s, %s %.6g at epoch %d (%s).%n"
                        + "# A complete experiment: neds train --config %s trains it to train.epochs as is.%n",
                out, TuneRun.trialName(best.trial()), settings.metric(), best.metric(), best.epochs(), best.status(),
                out.resolve(BEST));
        Path file = out.resolve(BEST);
        RunDirectory.writeAtomically(file, header + Files.readString(resolved, StandardCharsets.UTF_8));
        return file;
    }

    private static Path report(Path out, TuneSettings settings, SweepResults now) throws IOException {
        List<SweepReport.Trial> trials = new ArrayList<>();
        for (TrialResult t : now.trials()) {
            TrialMetrics curve = t.status().equals("pending") ? new TrialMetrics(new double[0], new double[0])
                    : readQuietly(TuneRun.trialDir(out, t.trial()), settings.metric());
            Map<String, Double> values = new LinkedHashMap<>();
            for (Dimension d : settings.space().dimensions()) {
                values.put(d.key(), numeric(d, t.values().get(d.key())));
            }
            trials.add(new SweepReport.Trial(TuneRun.trialName(t.trial()), t.status(), curve.epochs(), curve.values(),
                    t.metric(), values));
        }
        String summary = String.format(Locale.ROOT, "%d trials, scheduler %s, metric %s (%s), epochs %s; %s",
                now.trials().size(), settings.scheduler(), settings.metric(),
                new TuneMetric(settings.metric()).direction(), settings.rungs(),
                now.best().map(b -> "best " + TuneRun.trialName(b.trial()) + String.format(Locale.ROOT, " (%.4f)", b.metric()))
                        .orElse("no best yet"));
        return new SweepReport(settings.metric(), trials, settings.space().keys(), summary).write(out);
    }

    private static TrialMetrics readQuietly(Path trialDir, String metric) {
        try {
            return TrialMetrics.of(trialDir, metric);
        } catch (IOException | RuntimeException e) {
            return new TrialMetrics(new double[0], new double[0]);
        }
    }

    /** A number as itself; any other choice by its position in the list. */
    private static double numeric(Dimension d, ConfigValue v) {
        if (v.unwrapped() instanceof Number n) {
            return n.doubleValue();
        }
        return d instanceof Dimension.Choice c ? c.values().indexOf(v) : Double.NaN;
    }
}
