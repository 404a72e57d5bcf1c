package org.nedsj.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.model.CodecCatalog;
import org.nedsj.model.ModalityBinding;
import org.nedsj.model.ModelStore;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ReadoutFit;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.run.RunDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * After a finished run, the per-session readouts of the decoders that fit one
 * ({@link org.nedsj.spi.ArrayDecoder#fitSessionReadout}), fitted in the best checkpoints evaluation reads
 * them from ({@code best.zip} and each such modality's {@code best-<modality>.zip}) to what that
 * checkpoint's model gives the decoder on the run's training trials, under the scheme the modality is
 * validated with (decoding for a behaviour), and checked on the validation trials. A checkpoint is
 * rewritten whole (temporary file, then a move); one whose format predates this release is left as it is.
 */
final class SessionReadouts {

    static final int BATCH = 64;

    private final BatchAssembler assembler;
    private final TaskValidation tasks;
    private final long planSeed;
    private final List<Batch> trainBatches;
    private final List<Batch> valBatches;

    SessionReadouts(Map<String, List<TrialRef>> train, Map<String, List<TrialRef>> val, BatchAssembler assembler,
                    TaskValidation tasks, long planSeed) {
        this.assembler = assembler;
        this.tasks = tasks;
        this.planSeed = planSeed;
        this.trainBatches = batches(train);
        this.valBatches = batches(val);
    }

    /**
     * Fits the readouts in the run's best checkpoints that evaluation reads them from: {@code best.zip} and
     * each fitted modality's own; another modality's best checkpoint of the same epoch (which evaluation may
     * load once for both) takes the fitted weights. Prints and logs one line per checkpoint and modality.
     */
    void fitIn(RunDirectory run, NedsModel trained, CodecCatalog codecs, PrintStream console) throws IOException {
        List<String> fitting = trained.modalities().stream().map(ModalityBinding::name)
                .filter(trained::fitsSessionReadout).toList();
        if (fitting.isEmpty()) {
            return;
        }
        Set<Path> fitted = new LinkedHashSet<>();
        fitted.add(run.bestCheckpoint());
        fitting.forEach(m -> fitted.add(run.bestCheckpoint(m)));
        Set<Path> files = new LinkedHashSet<>(fitted);
        trained.modalities().forEach(m -> files.add(run.bestCheckpoint(m.name())));
        Map<Integer, Fitted> byEpoch = new HashMap<>();
        for (Path file : files) {
            List<String> lines = Files.isRegularFile(file) ? fitOrCopy(file, fitted.contains(file), fitting, byEpoch, codecs)
                    : List.of();
            for (String line : lines) {
                console.println(line);
                Files.writeString(run.log(), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /**
     * Gives the checkpoint the weights fitted in another of its epoch, or fits it where {@code fit}; rewrites it
     * and returns what was done, one line per modality (nothing where the checkpoint was left as it is).
     */
    private List<String> fitOrCopy(Path file, boolean fit, List<String> fitting, Map<Integer, Fitted> byEpoch,
                                   CodecCatalog codecs) throws IOException {
        ModelStore.Loaded loaded = ModelStore.loadWithExtras(file, codecs);
        if (loaded.format() != ModelStore.FORMAT) {
            return List.of();
        }
        int epoch = Checkpoints.stateOf(file).map(TrainerState::epoch).orElse(-1);
        INDArray values = loaded.model().store().values();
        Fitted same = byEpoch.get(epoch);
        List<String> lines = new ArrayList<>();
        if (same != null && same.before().equals(values)) {
            values.assign(same.after());
            lines.add(String.format(Locale.ROOT, "%s: readouts as fitted in %s (epoch %d)", file.getFileName(),
                    same.file().getFileName(), epoch));
        } else if (fit) {
            INDArray before = values.dup();
            fit(loaded.model(), fitting).forEach((m, f) -> lines.add(describe(file, m, f)));
            byEpoch.put(epoch, new Fitted(file, before, values.dup()));
        } else {
            return List.of();
        }
        ModelStore.save(loaded.model(), loaded.extras(), loaded.attachments(), file);
        return lines;
    }

    /** A checkpoint's weights before and after its readouts were fitted. */
    private record Fitted(Path file, INDArray before, INDArray after) {
    }

    /** The modalities fitted together where they are validated under one scheme (one forward pass per batch). */
    private Map<String, ReadoutFit> fit(NedsModel model, List<String> modalities) {
        Map<String, ReadoutFit> fits = new LinkedHashMap<>();
        for (var e : tasks.modalitiesByScheme(modalities).entrySet()) {
            fits.putAll(model.fitSessionReadouts(e.getValue(), trainBatches, plans(e.getKey(), trainBatches), valBatches,
                    plans(e.getKey(), valBatches)));
        }
        return fits;
    }

    /**
     * Each session's trials in batches of {@value #BATCH} (the model's outputs of a trial do not depend on its
     * batch neighbours; larger batches keep the cores busier than the run's training batches).
     */
    private List<Batch> batches(Map<String, List<TrialRef>> trials) {
        List<Batch> batches = new ArrayList<>();
        long index = 0;
        for (List<TrialRef> session : trials.values()) {
            for (int i = 0; i < session.size(); i += BATCH) {
                batches.add(assembler.assemble(index++, session.subList(i, Math.min(session.size(), i + BATCH))));
            }
        }
        return batches;
    }

    private List<MaskPlan> plans(MaskingScheme scheme, List<Batch> batches) {
        return batches.stream().map(b -> scheme.plan(b, planSeed)).toList();
    }

    private static String describe(Path file, String modality, ReadoutFit fit) {
        return String.format(Locale.ROOT, "%s: %s readout fitted per session (%s); validation %s "
                        + "%.4f with the trained readout, %.4f fitted: %s", file.getFileName(), modality, chosen(fit),
                fit.loss(), fit.validationLossBefore(), fit.validationLossAfter(), fit.kept() ? "kept" : "not kept");
    }

    /** What the fit chose: its line per session where it gives them, else the penalty of each session fitted. */
    private static String chosen(ReadoutFit fit) {
        if (!fit.notes().isEmpty()) {
            return fit.notes().entrySet().stream().map(e -> "session " + e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining("; "));
        }
        if (fit.penalties().isEmpty()) {
            return "penalties none: every session kept the shared readout";
        }
        return "penalties " + fit.penalties().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "session %d %.0e", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
