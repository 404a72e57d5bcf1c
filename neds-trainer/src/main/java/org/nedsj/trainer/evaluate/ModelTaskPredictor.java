package org.nedsj.trainer.evaluate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nedsj.eval.ModalityPredictions;
import org.nedsj.eval.ModelPredictor;
import org.nedsj.eval.TaskPredictions;
import org.nedsj.model.NedsModel;
import org.nedsj.spi.Batch;
import org.nedsj.spi.MaskPlan;
import org.nedsj.spi.MaskingScheme;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.SessionInfo;
import org.nedsj.trainer.batch.BatchAssembler;
import org.nedsj.trainer.batch.TrialRef;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a trained model for evaluation: the trials of a session in batches, masked by the named
 * scheme (with a fixed seed, so reports repeat), predictions cut back to the session's real width.
 * A modality none of whose tokens a batch scores (the behaviours under {@code encoding}, the spikes
 * under {@code decoding}) gets no predictions for that batch (they stay 0, and nothing reads them), so
 * the model chosen for it (its own best checkpoint) does not run for it.
 */
public final class ModelTaskPredictor implements ModelPredictor {

    private static final long EVALUATION_SALT = 0xE7A1L;

    private final NedsModel model;
    private final Map<String, NedsModel> byModality;
    private final BatchAssembler assembler;
    private final Function<String, MaskingScheme> schemes;
    private final Map<String, MaskingScheme> made = new HashMap<>();
    private final int batchSize;
    private final long seed;
    private long batches;

    public ModelTaskPredictor(NedsModel model, BatchAssembler assembler, Function<String, MaskingScheme> schemes,
                              int batchSize, long seed) {
        this(byModality(model), assembler, schemes, batchSize, seed);
    }

    /**
     * @param byModality the model whose predictions each modality takes (all built for the same sessions and
     *                   modalities; e.g. each modality's best checkpoint)
     */
    public ModelTaskPredictor(Map<String, NedsModel> byModality, BatchAssembler assembler,
                              Function<String, MaskingScheme> schemes, int batchSize, long seed) {
        this.byModality = Map.copyOf(byModality);
        this.model = byModality.values().iterator().next();
        this.assembler = assembler;
        this.schemes = schemes;
        this.batchSize = batchSize;
        this.seed = seed ^ EVALUATION_SALT;
    }

    @Override
    public TaskPredictions predict(String sessionId, int[] trials, String schemeName) {
        MaskingScheme scheme = made.computeIfAbsent(schemeName, schemes);
        int row = model.sessions().indexOf(sessionId);
        SessionInfo session = model.sessions().get(row);
        Map<String, Collector> collected = new LinkedHashMap<>();
        for (ModalitySpec m : model.specs()) {
            collected.put(m.name(), new Collector(m, session.width(m), trials.length));
        }
        for (int start = 0; start < trials.length; start += batchSize) {
            List<TrialRef> refs = new ArrayList<>();
            for (int i = start; i < Math.min(trials.length, start + batchSize); i++) {
                refs.add(new TrialRef(row, sessionId, trials[i]));
            }
            Batch batch = assembler.assemble(batches++, refs);
            MaskPlan plan = scheme.plan(batch, seed);
            Map<NedsModel, Map<String, INDArray>> predicted = new java.util.IdentityHashMap<>();
            for (Collector c : collected.values()) {
                c.addTruth(batch, plan, start);
                if (plan.targetCount(c.modality.name()) == 0) {
                    continue;   // nothing of it is scored in this batch: its model need not run for it
                }
                NedsModel source = byModality.getOrDefault(c.modality.name(), model);
                INDArray p = predicted.computeIfAbsent(source, m -> copies(m.predict(batch, plan))).get(c.modality.name());
                c.addPredictions(batch, p, source.width(c.modality.name()), start);
            }
        }
        Map<String, ModalityPredictions> out = new LinkedHashMap<>();
        collected.forEach((name, c) -> out.put(name, c.result()));
        return new TaskPredictions(sessionId, schemeName, trials.clone(), out);
    }

    private static Map<String, NedsModel> byModality(NedsModel model) {
        Map<String, NedsModel> all = new LinkedHashMap<>();
        model.modalities().forEach(m -> all.put(m.name(), model));
        return all;
    }

    /** Predictions may live in a model's reused buffers; keep them past the next model's pass. */
    private static Map<String, INDArray> copies(Map<String, INDArray> predictions) {
        Map<String, INDArray> out = new HashMap<>();
        predictions.forEach((k, v) -> out.put(k, v.dup('c')));
        return out;
    }

    /** Gathers one modality's truth, predictions and scored tokens, cut to the session's width. */
    private static final class Collector {
        final ModalitySpec modality;
        final int width;
        final int tokens;
        final float[] truth;
        final float[] predicted;
        final float[] scored;

        Collector(ModalitySpec modality, int width, int trials) {
            this.modality = modality;
            this.width = modality.isStatic() ? 1 : width;
            this.tokens = modality.tokensPerTrial();
            int values = modality.isStatic() ? trials : trials * tokens * this.width;
            this.truth = new float[values];
            this.predicted = new float[modality.isStatic() ? trials * modality.classes() : values];
            this.scored = new float[trials * tokens];
        }

        /** The batch's true values and which of its tokens are scored. */
        void addTruth(Batch batch, MaskPlan plan, int offset) {
            int n = batch.size();
            float[] targets = new float[n * tokens];
            plan.copyTarget(modality.name(), targets, 0);
            System.arraycopy(targets, 0, scored, offset * tokens, targets.length);
            FloatBuffer values = batch.values(modality.name());
            if (modality.isStatic()) {
                for (int i = 0; i < n; i++) {
                    truth[offset + i] = values.get(i);
                }
                return;
            }
            int batchWidth = batch.width(modality.name());
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < tokens; t++) {
                    int dest = ((offset + i) * tokens + t) * width;
                    int fromBatch = (i * tokens + t) * batchWidth;
                    for (int j = 0; j < width; j++) {
                        truth[dest + j] = values.get(fromBatch + j);
                    }
                }
            }
        }

        /** The model's predictions for the batch (a row-major copy of its own), cut from the model's width to the session's. */
        void addPredictions(Batch batch, INDArray prediction, int modelWidth, int offset) {
            int n = batch.size();
            float[] flat = prediction.data().asFloat();
            if (modality.isStatic()) {
                int classes = modality.classes();
                System.arraycopy(flat, 0, predicted, offset * classes, n * classes);
                return;
            }
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < tokens; t++) {
                    int dest = ((offset + i) * tokens + t) * width;
                    int fromModel = (i * tokens + t) * modelWidth;
                    System.arraycopy(flat, fromModel, predicted, dest, width);
                }
            }
        }

        ModalityPredictions result() {
            return new ModalityPredictions(modality, scored.length / tokens, tokens, width, truth, predicted, scored);
        }
    }
}
