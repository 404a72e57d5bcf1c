package org.nedsj.eval.report;

/** How each metric and baseline is defined, printed in every report. */
final class ReportNotes {

    static final String TEXT = """
            bps                bits per spike over the scored bins: (log L(model) − log L(each neuron's mean count per bin
                               over the session's training trials)) / (spikes · ln 2); Poisson likelihoods, log y! cancels.
                               0 = no better than the mean rates.
            poisson_nll        −log L(model) per scored (bin, neuron) entry, in nats, log y! included; lower is better.
            r2                 R² over all scored bins of all evaluated trials pooled (Tribuo RegressionMetrics.r2).
            r2_trial_mean      R² of each trial's scored bins, averaged over the trials where the behaviour moves (trials
                               whose truth varies by less than 1 % of its variance over all scored bins left out).
            accuracy           fraction of scored trials whose arg-max class is the true one (Tribuo ConfusionMetrics).
            balanced_accuracy  mean recall over the classes present in the truth.
            mean               the mean over sessions of each metric, over the sessions where it is defined.
            baselines          fitted per session on its training trials: ridge from lagged spike principal
                               components (continuous behaviour; λ chosen on the validation trials), multinomial
                               logistic regression from the trial's spike counts projected on the same components
                               (categorical behaviour; λ as provenance.baselines says: by default by cross-validation
                               on the training trials), and a Poisson GLM per neuron from behaviour, choice/block and a
                               raised-cosine time-in-trial basis (neural counts). Scored on the model's masked tokens.
            """;

    private ReportNotes() {
    }
}
