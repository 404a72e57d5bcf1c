package org.nedsj.data.alf;

/**
 * The wheel encoder's events: position (radians) at irregular times (seconds), times non-decreasing.
 */
public record WheelRecording(double[] timestamps, double[] position) {
}
