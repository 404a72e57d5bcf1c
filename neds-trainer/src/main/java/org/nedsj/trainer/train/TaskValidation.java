package org.nedsj.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nedsj.eval.Evaluator;
import org.nedsj.model.ModalityBinding;
import org.nedsj.spi.MaskingScheme;

/**
 * Which masking scheme each modality's per-task validation loss is measured under: the task the
 * report evaluates it on, {@value Evaluator#ENCODING} (behaviour seen, spikes hidden) for neural
 * modalities and {@value Evaluator#DECODING} (spikes seen, behaviour hidden) for behaviours.
 *
 * <p>The training scheme's validation loss mixes those tasks with easier ones: under the mixed
 * scheme a hidden choice is often scored while the wheel and the block are visible. Its minimum
 * per modality is then not the epoch that decodes best from spikes alone, and the per-task
 * checkpoint picked on it is not the one the report should use.
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

    /** Every modality under one scheme (the training scheme: per-task losses are the validation's own). */
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
                out.computeIfAbsent(s, k -> new java.util.ArrayList<>()).add(m);
            }
        }
        return out;
    }
}
