package org.nedsj.eval;

/**
 * What validation chose for the reduced-rank decoder of one behaviour.
 *
 * @param rank            the rank of the shared basis
 * @param penalty         the ridge penalty λ
 * @param validationError mean squared error per value on the validation trials (NaN without any)
 * @param sessions        sessions the decoder was fitted on
 */
public record ReducedRankChoice(int rank, double penalty, double validationError, int sessions) {
}
