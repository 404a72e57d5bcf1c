package org.nedsj.data.synth;

/**
 * How a synthetic session's files are laid out, so that every rule of the ALF reader is exercised.
 */
public enum SessionLayout {
    /**
     * Trials as per-attribute {@code _ibl_trials.*.npy} in {@code alf/}; spike sorting in
     * {@code alf/probe00/iblsorter} (and {@code alf/probe01/pykilosort} with two probes); the right
     * camera has 3 more timestamps than frames.
     */
    ATTRIBUTE_FILES,
    /**
     * Trials as {@code _ibl_trials.table.pqt} and the wheel in {@code alf/task_00/}; spike sorting in
     * the plain {@code alf/probe00/} folder with UUID-suffixed names; the first motion-energy frame is
     * NaN; the wheel recording starts 0.3 s before the first stimulus (so trial 0 is not covered).
     */
    TASK_TABLE,
    /**
     * Spike sorting in a revision folder {@code alf/probe00/pykilosort/#2024-05-06#/} beside a stale
     * older copy; the camera starts 0.3 s before the first stimulus (so trial 0 is not covered).
     */
    REVISION
}
