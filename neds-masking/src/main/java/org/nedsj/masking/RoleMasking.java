package org.nedsj.masking;

import java.util.List;
import org.nedsj.spi.Batch;
import org.nedsj.spi.ModalitySpec;
import org.nedsj.spi.ModalitySpec.Role;

/**
 * Hides every token of one role and scores it, leaving the other role wholly visible: {@code encoding}
 * (behaviour → neural activity: neural tokens hidden) and {@code decoding} (neural activity →
 * behaviour: behavioural tokens, static ones included, hidden). No randomness: the plan depends only
 * on the batch's modalities and size.
 *
 * <p>A batch that lacks either role cannot be planned: the plan would hide every token (nothing left
 * to predict from) or score nothing. Planning such a batch throws an {@link IllegalArgumentException}
 * that says which modalities are missing.
 */
public final class RoleMasking extends TrialwiseMasking {

    private final String name;
    private final Role hiddenRole;

    private RoleMasking(String name, Role hiddenRole) {
        this.name = name;
        this.hiddenRole = hiddenRole;
    }

    /** Behaviour → neural activity: every neural token hidden and scored. */
    public static RoleMasking encoding() {
        return new RoleMasking("encoding", Role.NEURAL);
    }

    /** Neural activity → behaviour: every behavioural token hidden and scored. */
    public static RoleMasking decoding() {
        return new RoleMasking("decoding", Role.BEHAVIOURAL);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    TrialPlanner planner(Batch batch) {
        requireBothRoles(batch);
        List<String> hidden = batch.modalities().stream().filter(m -> m.role() == hiddenRole).map(ModalitySpec::name).toList();
        return (rng, trial, plan) -> {
            for (String modality : hidden) {
                plan.maskAll(modality, trial);
            }
        };
    }

    private void requireBothRoles(Batch batch) {
        var modalities = new BatchModalities(batch.modalities());
        Role visibleRole = hiddenRole == Role.NEURAL ? Role.BEHAVIOURAL : Role.NEURAL;
        String predicted = word(hiddenRole);
        String source = word(visibleRole);
        if (modalities.names(hiddenRole).isEmpty()) {
            throw new IllegalArgumentException("masking scheme '" + name + "' predicts " + predicted
                    + " modalities, but batch " + batch.index() + " has none (it has " + modalities.names()
                    + "), so there would be nothing to score. Add a " + predicted
                    + " modality to the data, or train with another scheme (masking.mixed.schemes or the training mode).");
        }
        if (modalities.names(visibleRole).isEmpty()) {
            throw new IllegalArgumentException("masking scheme '" + name + "' predicts " + predicted
                    + " modalities from " + source + " ones, but batch " + batch.index() + " has no " + source
                    + " modality (it has " + modalities.names() + "), so every token would be hidden. Add a "
                    + source + " modality to the data, or use self-modality or random-token, which mask within modalities.");
        }
    }

    private static String word(Role role) {
        return role == Role.NEURAL ? "neural" : "behavioural";
    }

    @Override
    public String toString() {
        return name + "[hides every " + word(hiddenRole) + " token]";
    }
}
