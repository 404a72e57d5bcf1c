package org.nedsj.trainer.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv}: one row per epoch, columns
 * {@code epoch,step,lr,seconds,trials_per_s,train_loss,val_loss,train_<modality>…,val_<modality>…,val_seconds}:
 * {@code train_} under the training scheme, {@code val_} each modality under the scheme the trainer
 * validates it with (its own task, in {@code neds train}).
 */
public final class MetricsLog {

    private final Path file;
    private final List<String> modalities;

    public MetricsLog(Path file, List<String> modalities) {
        this.file = file;
        this.modalities = List.copyOf(modalities);
    }

    public String header() {
        StringBuilder h = new StringBuilder("epoch,step,lr,seconds,trials_per_s,train_loss,val_loss");
        modalities.forEach(m -> h.append(",train_").append(m));
        modalities.forEach(m -> h.append(",val_").append(m));
        return h.append(",val_seconds").toString();
    }

    /** Appends one epoch's row (creating the file with its header first). */
    public void append(EpochSummary e) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, header() + "\n", StandardCharsets.UTF_8);
        }
        StringBuilder row = new StringBuilder();
        row.append(e.epoch()).append(',').append(e.step()).append(',').append(num(e.lr())).append(',')
                .append(num(e.seconds())).append(',').append(num(e.trialsPerSecond())).append(',')
                .append(num(e.train().total())).append(',').append(num(e.val().total()));
        modalities.forEach(m -> row.append(',').append(num(e.train().modality(m))));
        modalities.forEach(m -> row.append(',').append(num(e.val().modality(m))));
        row.append(',').append(num(e.valSeconds()));
        Files.writeString(file, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Drops rows after {@code epoch} (written by a run that died before its checkpoint). */
    public void truncateAfter(int epoch) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(List.of(header()));
        int columns = header().split(",", -1).length;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.split(",", -1).length == columns && epochOf(line) <= epoch) {
                kept.add(line);
            }
        }
        RunDirectory.writeAtomically(file, String.join("\n", kept) + "\n");
    }

    /** The row's epoch; a row cut short by a kill counts as after every epoch, so it is dropped. */
    private static int epochOf(String row) {
        try {
            return Integer.parseInt(row.substring(0, row.indexOf(',')));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
