package org.nedsj.prep.align;

/** Split fractions and the permutation seed. */
public record SplitRules(double train, double val, double test, long seed) {
}
