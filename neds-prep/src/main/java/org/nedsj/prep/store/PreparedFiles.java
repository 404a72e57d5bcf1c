package org.nedsj.prep.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The file names of a prepared dataset: fixed ones, and one {@code <modality>.npy} per behaviour
 * (float32 [trials, bins] for a dynamic one, int8 [trials] for a static one).
 */
public final class PreparedFiles {

    public static final String MANIFEST = "manifest.json";
    /** uint8 [trials, bins, neurons] */
    public static final String SPIKES = "spikes.npy";
    /** int64 [trials] */
    public static final String TRIAL_INDEX = "trial_index.npy";
    /** int64 [neurons] */
    public static final String UNITS = "units.npy";
    /** int8 [trials] */
    public static final String SPLIT = "split.npy";
    /**
     * numpy unicode [neurons]: each neuron's brain region ("unknown" where not recorded). Optional: datasets
     * prepared before regions were read lack it, and read as all unknown.
     */
    public static final String REGIONS = "regions.npy";

    /** The files every prepared session has besides its behaviours. */
    public static final List<String> FIXED = List.of(SPIKES, TRIAL_INDEX, UNITS, SPLIT);

    private static final Pattern BEHAVIOUR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private PreparedFiles() {
    }

    /** The file of behaviour {@code name}. */
    public static String of(String name) {
        return name + ".npy";
    }

    /** Every per-session file of a session with these behaviours. */
    public static List<String> sessionFiles(List<String> behaviours) {
        List<String> all = new ArrayList<>(FIXED);
        all.add(REGIONS);
        behaviours.forEach(b -> all.add(of(b)));
        return all;
    }

    /**
     * @throws IllegalArgumentException when {@code name} cannot be a behaviour's file name (it must
     *                                  start with a letter, hold only letters, digits, _ and -, and not be a fixed file's name)
     */
    public static void requireBehaviourName(String name, String where) {
        if (!BEHAVIOUR_NAME.matcher(name).matches() || FIXED.contains(of(name)) || REGIONS.equals(of(name))) {
            throw new IllegalArgumentException(where + ": behaviour name '" + name + "' must start with a letter and hold only "
                    + "letters, digits, _ and -, and must not be spikes, trial_index, units, split or regions");
        }
    }
}
