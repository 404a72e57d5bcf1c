package org.nedsj.data.align;

/**
 * Why a trial is dropped; each dropped trial is counted once, for the first reason in this order.
 */
public enum DropReason {
    /** choice is 0 (no response; such trials usually also lack firstMovement) */
    NO_GO("no-go"),
    /** the alignment event, choice, probabilityLeft or a configured required attribute is NaN */
    MISSING_EVENT("missing-event"),
    /** firstMovement − stimOn outside the filter's reaction-time range */
    REACTION_TIME("reaction-time"),
    /** feedback − goCue longer than the limit */
    FEEDBACK_DELAY("feedback-delay"),
    /** probabilityLeft is none of the block levels */
    BLOCK_LEVEL("block-level"),
    /** wheel speed does not cover the window (coverage rule) */
    WHEEL_COVERAGE("wheel-coverage"),
    /** the camera's motion energy does not cover the window (coverage rule) */
    WHISKER_COVERAGE("whisker-coverage");

    private final String key;

    DropReason(String key) {
        this.key = key;
    }

    /** The name used in manifests and reports. */
    public String key() {
        return key;
    }
}
