package org.nedsj.trainer.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nedsj.trainer.run.RunDirectory;

/**
 * {@code journal.tsv}: every judgement of the sweep in the order it was made, one line each
 * ({@code trial, epoch, event, metric, detail}). Rerunning a sweep replays it, so the scheduler sees the
 * same results in the same order and finished trials are not trained again. A line cut by a kill is dropped.
 */
final class SweepJournal {

    /** What happened to a trial at an epoch. */
    enum Event {
        PROMOTED, STOPPED, COMPLETED, EARLY_STOPPED, FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean isFinal() {
            return this != PROMOTED;
        }

        static Event of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    record Entry(int trial, int epoch, Event event, double metric, String detail) {
        String line() {
            return trial + "\t" + epoch + "\t" + event.label() + "\t" + (Double.isNaN(metric) ? "" : Double.toString(metric))
                    + "\t" + detail.replaceAll("[\\t\\r\\n]+", " ");
        }

        static Entry parse(String line) {
            String[] f = line.split("\t", 5);
            return new Entry(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Event.of(f[2]),
                    f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]), f.length > 4 ? f[4] : "");
        }
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();

    private SweepJournal(Path file) {
        this.file = file;
    }

    /** The journal in {@code file}, with a line cut short by a kill removed from the file. */
    static SweepJournal open(Path file) throws IOException {
        SweepJournal journal = new SweepJournal(file);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n') + 1;
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                    journal.entries.add(Entry.parse(line));
                }
            }
            if (end != text.length()) {
                RunDirectory.writeAtomically(file, text.substring(0, end));
            }
        }
        return journal;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    void append(Entry entry) throws IOException {
        Files.writeString(file, entry.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        entries.add(entry);
    }

    /** The trial's entries, in order. */
    List<Entry> of(int trial) {
        return entries.stream().filter(e -> e.trial() == trial).toList();
    }
}
