package org.nedsj.eval;

/**
 * One evaluated trial of a continuous behaviour, kept for plotting: the truth, the model's
 * prediction and the linear baseline's, per time bin (channel {@code channel} of a wider modality).
 *
 * @param baseline null when baselines were not computed
 */
public record ExampleTrace(String sessionId, int trial, String modality, int channel,
                           float[] truth, float[] model, float[] baseline) {

    public ExampleTrace {
        if (model.length != truth.length || (baseline != null && baseline.length != truth.length)) {
            throw new IllegalArgumentException("example trace of " + modality + ": truth, model and baseline differ in length");
        }
        truth = truth.clone();
        model = model.clone();
        baseline = baseline == null ? null : baseline.clone();
    }

    public ExampleTrace withBaseline(float[] values) {
        return new ExampleTrace(sessionId, trial, modality, channel, truth, model, values);
    }
}
