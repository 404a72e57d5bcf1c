package org.nedsj.masking;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Locale;

/**
 * Reads the keys of the {@code masking} section that the built-in schemes use (all defined, with
 * their defaults, in this module's {@code reference.conf}). A bad value fails with a message that
 * names the key, where it was set, what is wrong and what would be right.
 */
final class MaskingSettings {

    /** The word {@code static-probability} accepts in place of a number: use {@code masking.ratio}. */
    static final String RATIO_WORD = "ratio";
    /** The word {@code cross-modality.max-hidden} accepts in place of a number. */
    static final String ALL_BUT_ONE_WORD = "all-but-one";

    private final Config masking;

    MaskingSettings(Config masking) {
        this.masking = masking;
    }

    /** {@code masking.ratio}: the share hidden by self-modality and random-token, in (0, 1). */
    double ratio() {
        double ratio = number("ratio");
        if (!(ratio > 0 && ratio < 1)) {
            throw bad("ratio", "must lie strictly between 0 and 1 (the share of tokens hidden), e.g. 0.3");
        }
        return ratio;
    }

    /** {@code masking.<scheme>.window-min} and {@code window-max}. */
    TemporalWindows windows(String scheme) {
        int min = integer(scheme + ".window-min");
        int max = integer(scheme + ".window-max");
        if (min < 1) {
            throw bad(scheme + ".window-min", "must be at least 1 (bins per hidden run)");
        }
        if (max < min) {
            throw bad(scheme + ".window-max", "must be at least " + scheme + ".window-min (" + min + ")");
        }
        return new TemporalWindows(min, max);
    }

    /** {@code masking.<scheme>.static-probability}: a number in [0, 1], or the word {@code ratio}. */
    double staticProbability(String scheme) {
        String key = scheme + ".static-probability";
        ConfigValue value = value(key);
        if (value.valueType() == ConfigValueType.STRING && RATIO_WORD.equals(value.unwrapped())) {
            return ratio();
        }
        double p = number(key);
        if (!(p >= 0 && p <= 1)) {
            throw bad(key, "must be a probability in [0, 1], or \"" + RATIO_WORD + "\" to follow masking.ratio");
        }
        return p;
    }

    /** {@code masking.cross-modality.min-hidden}, at least 1. */
    int minHidden() {
        int min = integer(CrossModalityMasking.NAME + ".min-hidden");
        if (min < 1) {
            throw bad(CrossModalityMasking.NAME + ".min-hidden", "must be at least 1 (modalities hidden per trial)");
        }
        return min;
    }

    /** {@code masking.cross-modality.max-hidden}: a number ≥ min-hidden, or {@code all-but-one}. */
    int maxHidden(int minHidden) {
        String key = CrossModalityMasking.NAME + ".max-hidden";
        ConfigValue value = value(key);
        if (value.valueType() == ConfigValueType.STRING && ALL_BUT_ONE_WORD.equals(value.unwrapped())) {
            return CrossModalityMasking.ALL_BUT_ONE;
        }
        int max = integer(key);
        if (max < minHidden) {
            throw bad(key, "must be at least cross-modality.min-hidden (" + minHidden + "), or \""
                    + ALL_BUT_ONE_WORD + "\"");
        }
        return max;
    }

    /** {@code masking.mixed.schemes}: a non-empty list of scheme names, not {@code mixed} itself. */
    List<String> mixedSchemes() {
        String key = MixedMasking.NAME + ".schemes";
        List<String> names;
        try {
            names = masking.getStringList(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
        if (names.isEmpty()) {
            throw bad(key, "lists no scheme; name at least one, e.g. [encoding, decoding]");
        }
        if (names.contains(MixedMasking.NAME)) {
            throw bad(key, "names mixed itself; list the schemes to mix, e.g. [encoding, decoding, self-modality]");
        }
        return names;
    }

    /** {@code masking.mixed.weights}: one per scheme, or an empty list for equal weights. */
    double[] mixedWeights(int schemes) {
        String key = MixedMasking.NAME + ".weights";
        List<Double> listed;
        try {
            listed = masking.getDoubleList(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
        double[] weights = new double[schemes];
        if (listed.isEmpty()) {
            java.util.Arrays.fill(weights, 1.0);
            return weights;
        }
        if (listed.size() != schemes) {
            throw bad(key, "has " + listed.size() + " weights for " + schemes
                    + " schemes in mixed.schemes; give one weight per scheme, in the same order, or [] for equal weights");
        }
        double total = 0;
        for (int i = 0; i < schemes; i++) {
            weights[i] = listed.get(i);
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw bad(key, "weight " + (i + 1) + " is " + weights[i] + "; weights must be finite and ≥ 0");
            }
            total += weights[i];
        }
        if (total <= 0) {
            throw bad(key, "are all 0; at least one scheme needs a weight above 0");
        }
        return weights;
    }

    /** {@code masking.mixed.draw}: {@code trial} or {@code batch}. */
    MixedMasking.Draw mixedDraw() {
        String key = MixedMasking.NAME + ".draw";
        String word;
        try {
            word = masking.getString(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "trial" -> MixedMasking.Draw.TRIAL;
            case "batch" -> MixedMasking.Draw.BATCH;
            default -> throw bad(key, "must be trial (a scheme drawn per trial, the NEDS default) or batch (one per batch)");
        };
    }

    private ConfigValue value(String key) {
        try {
            if (!masking.hasPath(key)) {
                throw new ConfigException.Missing(key);
            }
            return masking.getValue(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    private double number(String key) {
        try {
            return masking.getDouble(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    private int integer(String key) {
        try {
            return masking.getInt(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    private IllegalArgumentException bad(String key, String problem) {
        ConfigValue value = masking.getValue(key);
        return new IllegalArgumentException("masking." + key + " = " + value.render(ConfigRenderOptions.concise()) + " ("
                + value.origin().description() + ") " + problem);
    }

    private static IllegalArgumentException wrap(String key, ConfigException e) {
        String fix = e instanceof ConfigException.Missing
                ? "; neds-masking's reference.conf defines it, so the reference configuration was not merged in"
                : "";
        return new IllegalArgumentException("masking." + key + ": " + e.getMessage() + fix, e);
    }
}
