package org.nedsj.data.prepared;

/** The file names of a prepared dataset. */
public final class PreparedFiles {

    public static final String MANIFEST = "manifest.json";
    /** uint8 [trials, bins, neurons] */
    public static final String SPIKES = "spikes.npy";
    /** float32 [trials, bins] */
    public static final String WHEEL = "wheel.npy";
    /** float32 [trials, bins] */
    public static final String WHISKER = "whisker.npy";
    /** int8 [trials] */
    public static final String CHOICE = "choice.npy";
    /** int8 [trials] */
    public static final String BLOCK = "block.npy";
    /** int64 [trials] */
    public static final String TRIAL_INDEX = "trial_index.npy";
    /** int64 [neurons] */
    public static final String UNITS = "units.npy";
    /** int8 [trials] */
    public static final String SPLIT = "split.npy";

    /** Every per-session file. */
    public static final java.util.List<String> SESSION_FILES = java.util.List.of(SPIKES, WHEEL, WHISKER, CHOICE, BLOCK,
            TRIAL_INDEX, UNITS, SPLIT);

    private PreparedFiles() {
    }
}
