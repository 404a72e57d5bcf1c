package org.nedsj.eval;

import com.typesafe.config.Config;

/**
 * Settings of {@link PairedBootstrap}; the {@code eval.paired-bootstrap} section of {@code reference.conf}
 * documents each key.
 *
 * @param resamples resamples of the test trials; 0 leaves the intervals out
 * @param level     the intervals' coverage, e.g. 0.95
 * @param seed      the resampling's seed: the same run evaluated twice gets the same intervals
 */
public record PairedBootstrapSettings(int resamples, double level, long seed) {

    private static final String SECTION = "eval.paired-bootstrap.";

    public PairedBootstrapSettings {
        if (resamples < 0) {
            throw new IllegalArgumentException(SECTION + "resamples must be ≥ 0 (0 leaves the intervals out), got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(SECTION + "level must lie strictly between 0 and 1, e.g. 0.95, got " + level);
        }
    }

    public static PairedBootstrapSettings fromConfig(Config section) {
        return new PairedBootstrapSettings(section.getInt("resamples"), section.getDouble("level"), section.getLong("seed"));
    }

    public boolean enabled() {
        return resamples > 0;
    }
}
