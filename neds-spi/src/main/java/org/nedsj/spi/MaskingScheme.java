package org.nedsj.spi;

/**
 * Decides, for one batch, which tokens are hidden from the model and which are loss targets.
 * Must be deterministic: the same {@code seed} and {@link Batch#index()} give the same plan.
 */
public interface MaskingScheme {

    /** The configured name, e.g. {@code decoding}. */
    String name();

    MaskPlan plan(Batch batch, long seed);
}
