package org.nedsj.trainer.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nedsj.eval.Evaluator;
import org.nedsj.model.ModalityBinding;
import org.nedsj.spi.MaskingScheme;

/**
 * Which masking scheme each modality's validation loss is measured under. {@link #of} gives the task
 * the report evaluates it on, {@value Evaluator#ENCODING} (behaviour seen, spikes hidden) for neural
 * modalities and {@value Evaluator#DECODING} (spikes seen, behaviour hidden) for behaviours.
 *
 * <p>Why not the training scheme: under the mixed scheme a hidden choice is often scored while the
 * wheel and the block are visible, so its validation loss says little about decoding choice from
 * spikes alone; its minimum is not the epoch the report should use, and the summed loss of such
 * mixtures is not what early stopping should follow.
 */
public final class TaskValidation {

    private final Map<String, MaskingScheme> byModality;

    private TaskValidation(Map<String, MaskingScheme> byModality) {
        this.byModality = Map.copyOf(byModality);
    }

    /** Neural modalities under {@code schemes.apply("encoding")}, behaviours under {@code schemes.apply("decoding")}. */
    public static TaskValidation of(List<ModalityBinding> modalities, Function<String, MaskingScheme> schemes) {
        MaskingScheme encoding = schemes.apply(Evaluator.ENCODING);
        MaskingScheme decoding = schemes.apply(Evaluator.DECODING);
        Map<String, MaskingScheme> map = new LinkedHashMap<>();
        for (ModalityBinding m : modalities) {
            map.put(m.name(), m.spec().isNeural() ? encoding : decoding);
        }
        return new TaskValidation(map);
    }

    /**
     * What a run training with the scheme named {@code trainingName} validates with: a single-task
     * scheme ({@value Evaluator#ENCODING} or {@value Evaluator#DECODING}) validates under itself, its
     * untrained heads left out; any other scheme (mixed, a lab's) as {@link #of}.
     */
    public static TaskValidation forTraining(String trainingName, MaskingScheme training, List<ModalityBinding> modalities,
                                             Function<String, MaskingScheme> schemes) {
        return trainingName.equals(Evaluator.ENCODING) || trainingName.equals(Evaluator.DECODING)
                ? under(modalities, training) : of(modalities, schemes);
    }

    /** Every modality under one scheme (the training scheme). */
    public static TaskValidation under(List<ModalityBinding> modalities, MaskingScheme scheme) {
        Map<String, MaskingScheme> map = new LinkedHashMap<>();
        modalities.forEach(m -> map.put(m.name(), scheme));
        return new TaskValidation(map);
    }

    /** The schemes, each with the modalities whose task loss it gives, in first-seen order. */
    Map<MaskingScheme, List<String>> modalitiesByScheme(List<String> order) {
        Map<MaskingScheme, List<String>> out = new LinkedHashMap<>();
        for (String m : order) {
            MaskingScheme s = byModality.get(m);
            if (s != null) {
                out.computeIfAbsent(s, k -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }
}
