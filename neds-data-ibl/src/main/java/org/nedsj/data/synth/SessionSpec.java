package org.nedsj.data.synth;

/**
 * One synthetic session to write.
 *
 * @param lab         lab folder name
 * @param subject     subject folder name
 * @param date        {@code YYYY-MM-DD}
 * @param number      session number of the day
 * @param trials      trials in the task
 * @param neurons     simulated neurons (clusters with spikes)
 * @param probes      probes the neurons are spread over
 * @param layout      file layout
 * @param rateScale   multiplies every base firing rate
 * @param seed        seed of everything random in the session (its behaviour, neurons and noise)
 * @param datasetSeed seed of the latent dynamics shared by every session of the dataset
 * @param regions     whether neurons get a {@link PlantedRegion} (their tuning follows it) written as location files
 */
public record SessionSpec(String lab, String subject, String date, int number, int trials, int neurons, int probes,
                          SessionLayout layout, double rateScale, long seed, long datasetSeed, boolean regions) {

    /** A session without planted regions. */
    public SessionSpec(String lab, String subject, String date, int number, int trials, int neurons, int probes,
                       SessionLayout layout, double rateScale, long seed, long datasetSeed) {
        this(lab, subject, date, number, trials, neurons, probes, layout, rateScale, seed, datasetSeed, false);
    }

    public SessionSpec {
        if (trials < 1 || neurons < 1 || probes < 1 || rateScale <= 0) {
            throw new IllegalArgumentException("a synthetic session needs ≥ 1 trial, neuron and probe and a positive rate scale");
        }
    }

    /** A session that is a dataset of its own: its latent dynamics are drawn from its own seed. */
    public SessionSpec(String lab, String subject, String date, int number, int trials, int neurons, int probes,
                       SessionLayout layout, double rateScale, long seed) {
        this(lab, subject, date, number, trials, neurons, probes, layout, rateScale, seed, seed);
    }

    /** The session id the reader will give it. */
    public String id() {
        return lab + "_" + subject + "_" + date + "_" + String.format("%03d", number);
    }
}
