package org.nedsj.trainer.batch;

import org.nedsj.spi.Batch;
import org.nedsj.spi.DataSource;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Reads the trials of a batch from the data source into the model's layout: per-session
 * modalities padded with zeros to the model's width.
 */
public final class BatchAssembler {

    private final DataSource data;
    private final List<ModalitySpec> modalities;
    private final ToIntFunction<String> modelWidth;
    private final Map<String, SessionData> sessions = new HashMap<>();

    /** @param modelWidth the model's width of each modality (its widest session) */
    public BatchAssembler(DataSource data, List<ModalitySpec> modalities, ToIntFunction<String> modelWidth) {
        this.data = data;
        this.modalities = List.copyOf(modalities);
        this.modelWidth = modelWidth;
    }

    public List<ModalitySpec> modalities() {
        return modalities;
    }

    public SessionData session(String id) {
        return sessions.computeIfAbsent(id, data::session);
    }

    public Batch assemble(long index, List<TrialRef> refs) {
        int n = refs.size();
        int[] sessionRows = new int[n];
        String[] ids = new String[n];
        int[] trials = new int[n];
        for (int i = 0; i < n; i++) {
            sessionRows[i] = refs.get(i).session();
            ids[i] = refs.get(i).sessionId();
            trials[i] = refs.get(i).trial();
        }
        Batch.Builder batch = Batch.builder(index, modalities).trials(sessionRows, ids, trials);
        for (ModalitySpec m : modalities) {
            int width = m.isStatic() ? 1 : modelWidth.applyAsInt(m.name());
            int perTrial = m.tokensPerTrial() * width;
            float[] values = new float[n * perTrial];
            for (int i = 0; i < n; i++) {
                session(ids[i]).copyTrial(m.name(), trials[i], values, i * perTrial, width);
            }
            batch.values(m.name(), width, values);
        }
        return batch.build();
    }
}
