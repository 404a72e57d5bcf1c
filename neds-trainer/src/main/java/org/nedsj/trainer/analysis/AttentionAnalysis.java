package org.nedsj.trainer.analysis;

import org.nedsj.model.ModalityBinding;
import org.nedsj.model.graph.TokenLayout;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.SessionInfo;
import org.nedsj.spi.Split;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialRef;
import org.nedsj.trainer.batch.TrialSplits;
import org.nedsj.trainer.experiment.Experiment;
import org.nedsj.trainer.run.RunDirectory;
import org.nedsj.trainer.train.Checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code neds analyze attention}: the {@link AttentionOffsets} of a trained run's best model on a
 * split, under a masking scheme (decoding by default: behaviour hidden, spikes visible), written as
 * {@code attention-offsets.csv} (layer, offset in bins, share).
 */
public final class AttentionAnalysis {

    private AttentionAnalysis() {
    }

    /**
     * @param maxTrials at most this many trials per session (attention maps are L × L per head)
     */
    public static AttentionOffsets run(Path runDir, String query, String key, String scheme, Split split, int maxTrials,
                                       int maxOffset, Path csv) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        try (Experiment experiment = Experiment.open(run.config(), List.of())) {
            Path checkpoint = Files.exists(run.bestCheckpoint()) ? run.bestCheckpoint() : run.latestCheckpoint();
            NedsModel model = Checkpoints.load(checkpoint, experiment.codecs()).model();
            AttentionOffsets offsets = offsets(model, query, key, maxOffset);
            MaskingScheme masking = experiment.scheme(scheme);
            BatchAssembler assembler = new BatchAssembler(experiment.data(), model.specs(), model::width);
            List<SessionInfo> sessions = model.sessions().sessions().stream()
                    .filter(s -> experiment.data().sessions().stream().anyMatch(d -> d.id().equals(s.id()))).toList();
            Map<String, List<TrialRef>> trials = TrialSplits.of(experiment.data(), model.sessions(), sessions, split);
            int batchSize = experiment.config().getInt("eval.batch-size");
            long index = 0;
            for (List<TrialRef> session : trials.values()) {
                List<TrialRef> kept = session.subList(0, Math.min(maxTrials, session.size()));
                for (int i = 0; i < kept.size(); i += batchSize) {
                    Batch batch = assembler.assemble(index++, kept.subList(i, Math.min(kept.size(), i + batchSize)));
                    var plan = masking.plan(batch, experiment.training().seed());
                    offsets.add(model.attention(batch, plan), plan);
                }
            }
            write(offsets, csv);
            return offsets;
        }
    }

    /** An empty tally for the model's token layout. */
    static AttentionOffsets offsets(NedsModel model, String query, String key, int maxOffset) {
        List<String> names = model.modalities().stream().map(ModalityBinding::name).toList();
        if (!names.contains(query) || !names.contains(key)) {
            throw new IllegalArgumentException("the model has modalities " + names + "; --query " + query + " and --key "
                    + key + " must be among them");
        }
        TokenLayout layout = model.config().layout(model.modalities());
        for (String m : List.of(query, key)) {
            if (layout.repeated(m)) {
                throw new IllegalArgumentException(m + " is a static modality repeated over " + layout.tokens(m)
                        + " tokens (model.static-tokens); attention offsets are by time bin: choose modalities with a "
                        + "token per bin");
            }
        }
        return new AttentionOffsets(query, layout.offset(query), layout.tokens(query), layout.offset(key),
                layout.tokens(key), model.config().layers(), maxOffset);
    }

    private static void write(AttentionOffsets offsets, Path csv) throws IOException {
        StringBuilder s = new StringBuilder("layer,offset,share\n");
        for (int layer = 0; layer < offsets.layers(); layer++) {
            double[] p = offsets.profile(layer);
            for (int i = 0; i < p.length; i++) {
                s.append(String.format(Locale.ROOT, "%d,%d,%.6f%n", layer, i - offsets.maxOffset(), p[i]));
            }
        }
        RunDirectory.writeAtomically(csv, s.toString());
    }
}
